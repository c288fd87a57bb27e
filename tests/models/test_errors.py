"""pydantic's own errors come out in Vietnamese too: never the English message in the Vietnamese slot."""

import string
import typing
from typing import Any

import pytest
from pydantic_core import PydanticKnownError
from pydantic_core.core_schema import ErrorType

from thongbao.errors import _NOT_FROM_DATA, _PYDANTIC_VI, DocumentValidationError, _vietnamese
from thongbao.findings import FindingSet
from thongbao.models import AdministrativeDocument, Notice
from thongbao.models.types import GiayGioiThieu

from .test_inputs import BASE  # the same valid notice the input tests start from


def test_every_pydantic_error_type_has_vietnamese():
    every = set(typing.get_args(ErrorType))
    missing = every - set(_PYDANTIC_VI) - _NOT_FROM_DATA
    assert not missing, f"add Vietnamese for {sorted(missing)} to errors._PYDANTIC_VI"
    assert not set(_PYDANTIC_VI) - every, "a type pydantic-core does not have"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("error_type", sorted(t for t, vi in _PYDANTIC_VI.items() if placeholders(vi)))
def test_the_placeholders_are_the_context_pydantic_gives(error_type: str):
    names = placeholders(_PYDANTIC_VI[error_type])
    ctx: dict[str, Any] = dict.fromkeys(names, 1) | {"field_type": "List"}
    for _ in range(len(ctx) + 1):  # pydantic-core wants some context values as strings: give those as strings
        try:
            english = PydanticKnownError(error_type, ctx)  # type: ignore[arg-type]
            break
        except TypeError as exc:
            key = str(exc).split("'")[1]
            ctx[key] = "1"
    assert names <= placeholders(english.message_template), english.message_template


def test_an_unknown_type_still_gets_vietnamese():
    assert _vietnamese("some_future_type", {}) == "Giá trị không hợp lệ (some_future_type)"
    assert _vietnamese("less_than_equal", {"le": 12}) == "Phải nhỏ hơn hoặc bằng 12"
    assert _vietnamese("too_short", {}) == "Phải có ít nhất … phần tử (đang có …)"


# Inputs a user can write that pydantic itself refuses, across the models.
BAD: list[tuple[type[AdministrativeDocument], dict[str, Any]]] = [
    (Notice, {"number": 5.5}),
    (Notice, {"number": [5]}),
    (Notice, {"summary": 12}),
    (Notice, {"summary": ""}),
    (Notice, {"body": []}),
    (Notice, {"body": [{"kind": "chart"}]}),
    (Notice, {"body": [{"text": "no kind"}]}),
    (Notice, {"body": [{"kind": "heading", "level": 4, "title": "X"}]}),
    (Notice, {"body": [{"kind": "heading", "title": "X", "numbered": "maybe"}]}),
    (Notice, {"body": [{"kind": "table", "header": ["A"], "widths": ["wide"]}]}),
    (Notice, {"body": [{"kind": "table", "header": ["A"], "widths": 1}]}),
    (Notice, {"urgency": "rất khẩn"}),
    (Notice, {"drafter": {"code": "PL", "copies": 0}}),
    (Notice, {"drafter": {"code": "PL", "copies": 2.5}}),
    (Notice, {"recipients": {"to": ["A"], "archive": ["QLKH"], "as_above": "maybe"}}),
    (Notice, {"recipients": {"to": "A", "archive": ["QLKH"]}}),
    (Notice, {"issuer": ["Sở"]}),
    (Notice, {"issuer": {"name": "Sở", "abbreviation": "S"}}),
    (Notice, {"keywords": "a, b"}),
    (Notice, {"contact": "phone"}),
    (Notice, {"sumary": "typo"}),
    (Notice, {"signature": {"authorities": [5], "title": "Giám đốc", "name": "A"}}),
    (GiayGioiThieu, {"document_type": "giay_gioi_thieu", "person": "A", "sent_to": "B", "purpose": "C",
                     "valid_until": "2023-02-30"}),
    (GiayGioiThieu, {"document_type": "giay_gioi_thieu", "person": "A", "sent_to": "B", "purpose": "C",
                     "valid_until": "mai"}),
    (FindingSet, {"body": [], "findings": {"results": ["X"]}, "metrics": [{"key": "a", "decimals": 9}]}),
    (FindingSet, {"body": [], "findings": {"results": ["X"]}, "metrics": [{"key": "a", "format": "%"}]}),
]


@pytest.mark.parametrize(("model", "change"), BAD, ids=[repr(c)[:50] for _, c in BAD])
def test_no_vietnamese_message_is_the_english_one(model: type[AdministrativeDocument], change: dict[str, Any]):
    with pytest.raises(DocumentValidationError) as info:
        model.from_data({**BASE, **change})
    for problem in info.value.problems:
        assert problem.message_vi != problem.message_en, problem
        assert problem.message_vi.strip(), problem
        assert problem.field, problem


def test_a_list_of_refused_items_is_not_also_too_short():
    with pytest.raises(DocumentValidationError) as info:
        Notice.from_data({**BASE, "body": [{"kind": "chart"}]})
    assert [p.field for p in info.value.problems] == ["body[0]"]
    assert "paragraph" in info.value.problems[0].message_vi
    with pytest.raises(DocumentValidationError) as info:
        Notice.from_data({**BASE, "body": []})
    assert [p.field for p in info.value.problems] == ["body"]


def test_choices_are_joined_in_vietnamese():
    with pytest.raises(DocumentValidationError) as info:
        Notice.from_data({**BASE, "urgency": "rất khẩn"})
    assert "'THƯỢNG KHẨN' hoặc 'HỎA TỐC'" in info.value.problems[0].message_vi
