"""Suite-wide settings.

``THONGBAO_NO_SKIPS=1`` (set by ``.ci/run``) turns every skipped test into a failure: on CI the
LibreOffice, fonts and ``../shared`` references are all installed, so a skip there means a broken
set-up, not a test that may be left out.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

NO_SKIPS = os.environ.get("THONGBAO_NO_SKIPS") == "1"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if NO_SKIPS and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, but THONGBAO_NO_SKIPS=1 forbids skips: {reason}"
    return report
