"""Compliant documents rendered by the library, the bases of the checker's mutation tests."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from thongbao.api import load_document, render_docx
from thongbao.models import Notice

ROOT = Path(__file__).resolve().parents[2]
NOTICE_YAML = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"
CONG_VAN_YAML = ROOT / "examples" / "types" / "cong_van.yaml"
APPENDIX_YAML = ROOT / "examples" / "types" / "phu_luc.yaml"


def notice_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(NOTICE_YAML.read_text(encoding="utf-8"))
    return data


@cache
def notice() -> bytes:
    """The Hưng Yên notice: an unsigned draft (blank number and day)."""
    return render_docx(load_document(NOTICE_YAML))


@cache
def full_notice() -> bytes:
    """The notice with a number, a full date, urgency, secrecy, circulation, drafter and contact."""
    data = notice_data()
    data.update(
        number=5,
        date={"year": 2023, "month": 3, "day": 7},
        urgency="Khẩn",
        secrecy="Mật",
        circulation="Lưu hành nội bộ",
        drafter={"code": "PL", "copies": 300},
        contact={"address": "Số 437 đường Nguyễn Văn Linh, thành phố Hưng Yên", "phone": "0221 3 862 549",
                 "email": "skhcn@hungyen.gov.vn"},
    )
    return render_docx(Notice.model_validate(data))


@cache
def notice_with_bases() -> bytes:
    """The notice with căn cứ lines and numbered headings."""
    data = notice_data()
    body = copy.deepcopy(data["body"])
    data["body"] = [
        {"kind": "basis", "text": "Căn cứ Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013;"},
        {"kind": "basis", "text": "Căn cứ Kế hoạch số 50/KH-SKHCN ngày 13/4/2023 của Sở Khoa học và Công nghệ."},
        {"kind": "heading", "level": 1, "title": "Kết quả làm việc"},
        *body[:4],
        {"kind": "heading", "level": 1, "title": "Giải pháp"},
        *body[4:],
    ]
    return render_docx(Notice.model_validate(data))


@cache
def cong_van() -> bytes:
    return render_docx(load_document(CONG_VAN_YAML))


@cache
def appendix() -> bytes:
    """A separate appendix file (Mẫu 2.1)."""
    return render_docx(load_document(APPENDIX_YAML))


BASES = {
    "notice": notice,
    "full": full_notice,
    "bases": notice_with_bases,
    "cong_van": cong_van,
    "appendix": appendix,
}
