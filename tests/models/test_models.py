import copy
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from strategies import notice_data
from thongbao.errors import DocumentValidationError
from thongbao.models import AdministrativeDocument, IssueDate, Notice, SignatureBlock
from thongbao.rules import ND30

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"

BASE = {
    "issuer": {"name": "Sở Khoa học và Công nghệ", "abbreviation": "SKHCN", "place": "Hưng Yên",
               "parent": {"name": "UBND tỉnh Hưng Yên"}},
    "number": 5,
    "date": "2023-01-05",
    "summary": "Kết quả làm việc",
    "body": ["Nội dung."],
    "signature": {"authorities": ["KT. Giám đốc"], "title": "Phó Giám đốc", "name": "Nguyễn Văn A"},
    "recipients": {"to": ["Lãnh đạo Sở"], "archive": ["QLKH"]},
}


def with_(path: str, value):
    data = copy.deepcopy(BASE)
    target = data
    keys = path.split(".")
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value
    return data


def problems(data):
    with pytest.raises(DocumentValidationError) as info:
        Notice.from_data(data)
    return info.value


def test_valid_notice_lines():
    n = Notice.from_data(BASE)
    assert n.number_line == "Số: 05/TB-SKHCN"
    assert n.date_line == "Hưng Yên, ngày 05 tháng 01 năm 2023"
    assert n.signature.lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert n.recipients.lines == ["- Lãnh đạo Sở;", "- Lưu: VT, QLKH."]
    assert not n.is_draft


def test_models_are_frozen():
    n = Notice.from_data(BASE)
    with pytest.raises(ValidationError):
        n.summary = "x"  # type: ignore[misc]


def test_draft_number_and_day_blank():
    n = Notice.from_data(with_("number", None) | {"date": {"year": 2023, "month": 5}})
    assert n.number_line == "Số:      /TB-SKHCN"
    assert n.date_line == "Hưng Yên, ngày     tháng 5 năm 2023"
    assert ND30.patterns["number_typed"].match(n.number_line)
    assert ND30.patterns["date_line"].match(n.date_line)
    assert n.is_draft


def test_number_padding_and_cong_van_symbol():
    assert Notice.from_data(with_("number", 125)).number_line == "Số: 125/TB-SKHCN"
    letter = AdministrativeDocument.from_data(BASE | {"document_type": "Công văn", "unit": "QLKH", "number": 12})
    assert letter.number_line == "Số: 12/SKHCN-QLKH"
    with pytest.raises(DocumentValidationError, match="unit"):
        AdministrativeDocument.from_data(BASE | {"document_type": "cong_van"})


def test_mixed_case_type_codes_kept():
    for name, code in [("Quy định", "QyĐ"), ("Chương trình", "CTr"), ("Tờ trình", "TTr")]:
        doc = AdministrativeDocument.from_data(BASE | {"document_type": name})
        assert doc.number_line == f"Số: 05/{code}-SKHCN"


@pytest.mark.parametrize(
    ("path", "value", "rule", "field"),
    [
        ("number", 0, "ND30-INPUT-NUMBER", "number"),
        ("number", -3, "ND30-INPUT-NUMBER", "number"),
        ("date", "2023-02-30", "ND30-INPUT-DATE", "date"),
        ("date", {"year": 2023, "month": 2, "day": 30}, "ND30-INPUT-DATE", "date"),
        ("signature.authorities", ["XT. GIÁM ĐỐC"], "ND30-SIGN", "signature.authorities[0].authority"),
        ("signature.authorities", ["KT."], "ND30-SIGN", "signature.authorities[0]"),
        ("signature.authorities", ["KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"], "ND30-SIGN", "signature"),
        ("signature.title", None, "ND30-SIGN", "signature"),
        ("recipients", {"to": []}, "ND30-NN-ARCHIVE", "recipients"),
        ("summary", "Kết quả\x07 làm việc", "ND30-INPUT-TEXT", "summary"),
        ("summary", "bad \ud800 text", "ND30-INPUT-TEXT", "summary"),
        ("issuer.abbreviation", "S KHCN", "ND30-INPUT-CODE", "issuer.abbreviation"),
        ("document_type", "Thông tư", "ND30-INPUT-TYPE", "document_type"),
    ],
)
def test_bad_input_names_field_value_and_rule_in_both_languages(path, value, rule, field):
    err = problems(with_(path, value))
    assert any(p.rule == rule for p in err.problems), err
    problem = next(p for p in err.problems if p.rule == rule)
    assert problem.field == field
    assert problem.message_en and problem.message_vi and problem.message_en != problem.message_vi
    text = str(err)
    assert rule in text and field in text


def test_error_message_quotes_the_value():
    err = problems(with_("number", 0))
    assert "number = 0" in str(err)
    assert "Số văn bản" in str(err) or "số văn bản" in str(err)


def test_nested_authority_forms():
    tm_kt = SignatureBlock.model_validate(
        {"authorities": ["TM. Ủy ban nhân dân", "KT. Chủ tịch"], "title": "Phó Chủ tịch", "name": "A"}
    )
    assert tm_kt.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    tl_kt = SignatureBlock.model_validate(
        {"authorities": ["TL. Chủ tịch", "KT. Chánh Văn phòng"], "title": "Phó Chánh Văn phòng", "name": "A"}
    )
    assert tl_kt.lines == ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    acting = SignatureBlock.model_validate({"authorities": ["Q. Giám đốc"], "name": "A"})
    assert acting.lines == ["Q. GIÁM ĐỐC"]
    no_space = SignatureBlock.model_validate({"authorities": ["KT.GIÁM ĐỐC"], "title": "PHÓ GIÁM ĐỐC", "name": "A"})
    assert no_space.lines[0] == "KT. GIÁM ĐỐC"


@pytest.mark.parametrize(
    "authorities",
    [["KT. A", "KT. B"], ["TUQ. A", "KT. B"], ["Q. A", "KT. B"], ["KT. A", "TL. B"], ["TL. A", "TM. B"]],
)
def test_impossible_authority_chains(authorities):
    with pytest.raises(Exception, match="ND30-SIGN"):
        SignatureBlock.model_validate({"authorities": authorities, "title": "X", "name": "A"})


def test_q_with_extra_title_refused():
    with pytest.raises(Exception, match="ND30-SIGN"):
        SignatureBlock.model_validate({"authorities": ["Q. Giám đốc"], "title": "Giám đốc", "name": "A"})


def test_recipients_punctuation_written_by_library():
    n = Notice.from_data(with_("recipients", {"to": ["- Sở Tài chính;", "Sở Nội vụ."], "archive": "VT, QLKH", }))
    assert n.recipients.lines == ["- Sở Tài chính;", "- Sở Nội vụ;", "- Lưu: VT, QLKH."]
    counted = Notice.from_data(with_("recipients", {"to": [], "archive": {"units": ["QLKH"], "copies": 2}}))
    assert counted.recipients.lines == ["- Lưu: VT, QLKH, 02b."]


def test_marks_and_contact():
    n = Notice.from_data(
        BASE | {"urgency": "khẩn", "secrecy": "MẬT", "circulation": "Lưu hành nội bộ",
                "drafter": {"code": "pl", "copies": 300},
                "contact": {"address": "Số 1 Lê Lợi", "phone": "0221 3861 234", "email": "a@b.vn"}}
    )
    assert n.urgency.value == "KHẨN" and n.circulation.value == "LƯU HÀNH NỘI BỘ"
    assert n.drafter.text == "PL.(300)"
    assert n.contact.lines == ["Địa chỉ: Số 1 Lê Lợi", "ĐT: 0221 3861 234, E-Mail: a@b.vn"]
    with pytest.raises(DocumentValidationError):
        Notice.from_data(BASE | {"urgency": "rất khẩn"})


def test_issue_date_forms():
    assert IssueDate.model_validate("2024-02-29").line("Hà Nội") == "Hà Nội, ngày 29 tháng 02 năm 2024"
    with pytest.raises(Exception, match="ND30-INPUT-DATE"):
        IssueDate.model_validate({"year": 2023, "day": 3})


def test_unknown_field_refused():
    err = problems(BASE | {"sumary": "typo"})
    assert err.problems[0].field == "sumary"


def test_json_schema_available():
    schema = Notice.model_json_schema()
    assert "issuer" in schema["properties"]
    json.dumps(schema)


def test_seed_example_loads():
    n = Notice.from_file(SEED)
    assert n.number_line == "Số:      /TB-SKHCN"
    assert n.date_line == "Hưng Yên, ngày     tháng 5 năm 2023"
    assert n.issuer.parent is not None


def test_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("issuer: [unclosed", encoding="utf-8")
    with pytest.raises(DocumentValidationError, match=r"bad\.yaml"):
        Notice.from_file(bad)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("summary: Th\xf4ng b\xe1o".encode("latin-1"))
    with pytest.raises(DocumentValidationError, match="UTF-8"):
        Notice.from_file(latin)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


@settings(max_examples=60, deadline=None)
@given(notice_data())
def test_any_generated_notice_validates_and_lines_match_regexes(data):
    n = Notice.model_validate(data)
    assert ND30.patterns["number_typed"].match(n.number_line)
    assert ND30.patterns["date_line"].match(n.date_line)
    assert ND30.patterns["archive_line"].match(n.recipients.lines[-1])
    for line in n.recipients.lines[:-1]:
        assert ND30.patterns["recipient_item"].match(line)
    assert (n.recipients.lines[0] == "- Như trên;") is data["recipients"]["as_above"]
    # Every string the model keeps is NFC, whatever the input (NFD from a Mac or a web form).
    for text in _strings(n.model_dump(mode="json")):
        assert unicodedata.is_normalized("NFC", text), ascii(text)
    # The marks are read in any spelling and printed as ND30 writes them.
    for key in ("urgency", "secrecy", "circulation"):
        mark = getattr(n, key)
        assert (mark is None) is (key not in data)
        if mark is not None:
            assert unicodedata.normalize("NFC", data[key]).upper() in {mark.value, mark.name}
    # ô 12: what the checker looks for after the Lưu line (spec §4.6).
    if n.drafter is not None:
        assert ND30.patterns["drafter_mark"].match(n.drafter.text), n.drafter.text
        assert ND30.patterns["archive_line"].match(f"{n.recipients.lines[-1]} {n.drafter.text}")


YAML_DOC = """\
document_type: Thông báo
issuer: {name: Sở Khoa học và Công nghệ, abbreviation: SKHCN, place: Hưng Yên}
number: 5
date: DATE
summary: Kết quả làm việc
body: [Nội dung.]
signature: {authorities: [KT. Giám đốc], title: Phó Giám đốc, name: Nguyễn Văn A}
recipients: {to: [Lãnh đạo Sở], archive: [QLKH]}
"""


def test_yaml_dates_reach_the_model(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from thongbao.api import load_document
    from thongbao.cli import app

    good = tmp_path / "good.yaml"
    good.write_text(YAML_DOC.replace("DATE", "2023-01-05"), encoding="utf-8")
    assert load_document(good).date_line == "Hưng Yên, ngày 05 tháng 01 năm 2023"

    # An unquoted impossible date is a YAML timestamp; it must be refused by our rule, not crash PyYAML.
    bad = tmp_path / "bad.yaml"
    bad.write_text(YAML_DOC.replace("DATE", "2023-02-30"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "date = '2023-02-30'" in result.output and "[ND30-INPUT-DATE]" in result.output
    assert "30/02/2023 does not exist" in result.output and "không có thật" in result.output
    assert not out.exists()
