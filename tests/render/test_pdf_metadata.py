"""PDF document information from the model (no LibreOffice needed): a pure function of the document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from docx_props import open_docx
from thongbao.api import load_document, render_docx
from thongbao.models import document_from_data
from thongbao.render.pdf_output import VIETNAM, pdf_metadata, properties_metadata

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"
TYPES = ROOT / "examples" / "types"


def data_of(path: Path, **changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data | changes


@pytest.mark.parametrize(
    ("changes", "subject"),
    [
        ({}, "THÔNG BÁO TB-SKHCN (dự thảo)"),  # the seed: no number, no day
        ({"number": 5, "date": "2023-05-08"}, "THÔNG BÁO 05/TB-SKHCN"),
        ({"number": 5}, "THÔNG BÁO 05/TB-SKHCN (dự thảo)"),  # numbered, the day still blank
        ({"date": "2023-05-08"}, "THÔNG BÁO TB-SKHCN (dự thảo)"),
    ],
)
def test_subject_of_a_draft_reads_sensibly(changes: dict[str, Any], subject: str) -> None:
    meta = pdf_metadata(document_from_data(data_of(SEED, **changes)))
    assert meta.subject == subject


def test_subject_of_an_official_letter() -> None:
    document = load_document(TYPES / "cong_van.yaml")
    number = document.number_line.removeprefix("Số:").strip()
    expected = f"CÔNG VĂN {number}" if document.number is not None else f"CÔNG VĂN {document.symbol}"
    assert pdf_metadata(document).subject.removesuffix(" (dự thảo)") == expected


def test_the_seed_notice() -> None:
    meta = pdf_metadata(load_document(SEED))
    assert meta.title == "Kết quả làm việc với Hội đồng Khoa học và Công nghệ cấp huyện"
    assert meta.author == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert meta.creation_date == meta.modification_date == dt.datetime(2023, 5, 1, tzinfo=VIETNAM)


@pytest.mark.parametrize("name", ["phu_luc", "phu_luc_dien_tu"])
def test_an_appendix_is_titled_by_its_label_and_title_as_in_its_docx(name: str) -> None:
    document = load_document(TYPES / f"{name}.yaml")
    meta = pdf_metadata(document)
    assert meta.title != "Phụ lục" and meta.title.startswith("Phụ lục")
    assert meta.title == open_docx(render_docx(document)).core_properties.title


def test_appendix_title() -> None:
    meta = pdf_metadata(load_document(TYPES / "phu_luc.yaml"))
    assert meta.title == (
        "Phụ lục I: Danh sách thành viên Hội đồng tư vấn xác định nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2024"
    )
    assert meta.subject == "QUYẾT ĐỊNH 45/QĐ-SKHCN"  # the document it is attached to
    unlabelled = data_of(TYPES / "phu_luc.yaml")
    unlabelled["appendix"] = {"title": "Danh sách"}
    assert pdf_metadata(document_from_data(unlabelled)).title == "Phụ lục: Danh sách"


def test_metadata_is_a_pure_function_of_the_document() -> None:
    assert pdf_metadata(load_document(SEED)) == pdf_metadata(load_document(SEED))
    dated = document_from_data(data_of(SEED, number=5, date="2023-05-08"))
    assert pdf_metadata(dated).creation_date == dt.datetime(2023, 5, 8, tzinfo=VIETNAM)


def test_properties_metadata_for_a_pack_document() -> None:
    meta = properties_metadata(
        {"title": "về việc X", "author": "TỈNH ỦY HƯNG YÊN", "subject": "QUYẾT ĐỊNH 127-QĐ/TU", "keywords": "a, b ,"},
        date=dt.date(2023, 5, 15),
    )
    assert (meta.title, meta.author, meta.subject, meta.keywords) == (
        "về việc X",
        "TỈNH ỦY HƯNG YÊN",
        "QUYẾT ĐỊNH 127-QĐ/TU",
        ("a", "b"),
    )
    assert meta.creation_date == dt.datetime(2023, 5, 15, tzinfo=VIETNAM)
    assert properties_metadata({"keywords": ["x", "y"]}).keywords == ("x", "y")
    assert properties_metadata({}).creation_date is None


@pytest.mark.parametrize("path", [SEED, *sorted(TYPES.glob("*.yaml"))], ids=lambda p: p.stem)
def test_the_docx_core_properties_say_what_the_pdf_says(path: Path) -> None:
    """One definition of title/author/subject/keywords for both outputs (the DOCX used to say
    'THÔNG BÁO /TB-SKHCN' for a draft while the PDF said '… TB-SKHCN (dự thảo)')."""
    document = load_document(path)
    core = open_docx(render_docx(document)).core_properties
    meta = pdf_metadata(document)
    assert (core.title, core.author, core.subject) == (meta.title, meta.author, meta.subject)
    assert [k.strip() for k in core.keywords.split(",") if k.strip()] == list(meta.keywords)
