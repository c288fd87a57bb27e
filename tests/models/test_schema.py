"""The published JSON Schema (``thongbao schema``) describes the input the models accept.

Every example data file validates against the JSON Schema of the model that loads it, and the
schema still refuses what the models refuse (unknown fields, a missing required field).
"""

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from thongbao.findings import FindingSet
from thongbao.findings.tables import is_finding_set_data
from thongbao.models import AdministrativeDocument, Notice, load_data
from thongbao.models.types import model_of_data

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(
    [*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/types/*.yaml"), *ROOT.glob("examples/findings/*.yaml")]
)


def model_of(data: Any) -> type[AdministrativeDocument]:
    return FindingSet if is_finding_set_data(data) else model_of_data(data)


def validator(model: type[AdministrativeDocument]) -> Draft202012Validator:
    schema = model.model_json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(model: type[AdministrativeDocument], data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(model).iter_errors(data)]


def test_there_are_examples_of_every_kind():
    folders = {p.parent.name for p in EXAMPLES}
    assert {"examples", "types", "findings"} <= folders
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_is_valid_against_the_schema_of_its_model(path: Path):
    data = load_data(path)
    model = model_of(data)
    assert errors(model, data) == [], f"{path.name} against the schema of {model.__name__}"


def test_the_schema_is_not_vacuous():
    data = load_data(ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml")
    assert errors(Notice, data) == []
    assert errors(Notice, {**data, "sumary": "typo"})  # unknown field
    assert errors(Notice, {k: v for k, v in data.items() if k != "issuer"})  # required field
    assert errors(Notice, {**data, "body": [{"kind": "heading", "level": 4, "title": "X"}]})
    assert errors(Notice, {**data, "date": {"year": 2023, "month": 13}})
    assert errors(Notice, {**data, "recipients": {"to": [], "archive": 5}})


SHORTHANDS: list[tuple[str, Any]] = [
    ("body", "Một đoạn văn."),  # the whole body as one paragraph
    ("body", ["Một đoạn.", {"kind": "table", "header": ["STT", "Số"], "rows": [[1, 2.5], ["2", None]]}]),
    ("date", "2023-01-05"),
    ("number", ""),
    ("number", "05"),
    ("urgency", "Khẩn"),
    ("secrecy", "mật"),
    ("circulation", "Lưu hành nội bộ"),
    ("signature", {"authorities": ["KT. Giám đốc"], "title": "Phó Giám đốc", "name": "A"}),
    ("signature", {"authorities": [{"authority": "KT", "title": "Giám đốc"}], "title": "Phó Giám đốc", "name": "A"}),
    ("recipients", {"to": ["Lãnh đạo Sở"], "archive": "VT, QLKH"}),
    ("recipients", {"to": ["Lãnh đạo Sở"], "archive": ["QLKH"]}),
    ("recipients", {"to": ["Lãnh đạo Sở"], "archive": {"units": ["QLKH"], "copies": 2}}),
]


@pytest.mark.parametrize(("field", "value"), SHORTHANDS, ids=[f"{f}={v!r}"[:40] for f, v in SHORTHANDS])
def test_shorthand_forms_are_in_the_schema_and_accepted_by_the_model(field: str, value: Any):
    data = load_data(ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml") | {field: value}
    Notice.model_validate(data)
    assert errors(Notice, data) == []


FINDING_SHORTHANDS: list[tuple[str, Any]] = [
    ("findings", {"results": ["Một kết quả."], "Khó khăn, hạn chế": [{"text": "Một hạn chế.", "unit": "Xã A"}]}),
    ("findings", [{"category": "Kết quả đạt được", "text": "Một kết quả."}]),
    ("units", {"A": "Xã A", "B": {"name": "Xã B", "figures": {"Hồ sơ": "1.248"}}}),
    ("units", ["Xã A", {"name": "Xã B", "figures": {"Hồ sơ": 12, "Tỷ lệ": "98,5%", "Khác": None}}]),
    ("metrics", ["Hồ sơ", {"key": "Tỷ lệ", "format": "percent"}]),
    ("basis", [{"document_type": "Kế hoạch", "number": "50/KH-SKHCN", "date": "13/4/2023"}]),
    ("activity", {"description": "kiểm tra", "start": "18/4/2023", "end": "2023-04-27"}),
    ("findings_table", "inspection-2026.csv"),
    ("findings_table", {"path": "inspection-2026.xlsx", "sheet": "Kết quả"}),
]


@pytest.mark.parametrize(
    ("field", "value"), FINDING_SHORTHANDS, ids=[f"{f}={v!r}"[:40] for f, v in FINDING_SHORTHANDS]
)
def test_finding_set_shorthand_forms_are_in_the_schema(field: str, value: Any):
    data = load_data(ROOT / "examples" / "findings" / "hung-yen-skhcn-2023-findings.yaml") | {field: value}
    if field != "findings_table":
        FindingSet.model_validate(data)
    assert errors(FindingSet, data) == []


def test_the_serialization_schema_is_the_plain_model():
    schema = Notice.model_json_schema(mode="serialization")
    authority = schema["$defs"]["AuthorityLine"]
    assert authority["type"] == "object" and "anyOf" not in authority


@pytest.mark.parametrize("path", sorted(ROOT.glob("examples/types/*.yaml")), ids=lambda p: p.stem)
def test_thongbao_schema_of_the_document_type_validates_its_example(path: Path):
    """`thongbao schema <type>` prints the schema a user validates such a file with."""
    import json

    from typer.testing import CliRunner

    from thongbao.cli import app

    data = load_data(path)
    kind = "appendix" if "appendix" in data else data.get("document_type", "notice")
    result = CliRunner().invoke(app, ["schema", kind])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    if "copy" in data:  # a copy's schema is its type's plus the copy block (see model_of_data)
        schema = model_of(data).model_json_schema()
    found = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
    assert found == [], f"{path.name} against `thongbao schema {kind}`"
