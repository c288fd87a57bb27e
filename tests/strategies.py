"""Hypothesis strategies for valid documents, shared by the model, render and checker tests."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from thongbao.models import Notice

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
# User text: Vietnamese letters in both cases, digits, punctuation and the XML specials.
TEXT_ALPHABET = VI_LETTERS + VI_LETTERS.upper() + string.digits + " ,.;:()/-&<>\"'%"

words = st.text(alphabet=VI_LETTERS + VI_LETTERS.upper() + string.digits + "&<>\"'", min_size=1, max_size=12)
sentences = st.lists(words, min_size=1, max_size=25).map(" ".join)
codes = st.text(alphabet=string.ascii_uppercase + "Đ", min_size=2, max_size=8)
titles = st.lists(st.text(alphabet=VI_LETTERS, min_size=2, max_size=8), min_size=1, max_size=4).map(" ".join)


@st.composite
def signatures(draw: st.DrawFn) -> dict[str, object]:
    form = draw(st.sampled_from(["head", "kt", "tm", "tm-kt", "tl", "tl-kt", "tuq", "q"]))
    principal = draw(titles)
    deputy = draw(titles)
    name = draw(sentences)
    return {
        "head": {"title": principal, "name": name},
        "kt": {"authorities": [f"KT. {principal}"], "title": deputy, "name": name},
        "tm": {"authorities": [f"TM. {principal}"], "title": deputy, "name": name},
        "tm-kt": {"authorities": [f"TM. {principal}", f"KT. {deputy}"], "title": draw(titles), "name": name},
        "tl": {"authorities": [f"TL. {principal}"], "title": deputy, "name": name},
        "tl-kt": {"authorities": [f"TL. {principal}", f"KT. {deputy}"], "title": draw(titles), "name": name},
        "tuq": {"authorities": [f"TUQ. {principal}"], "title": deputy, "name": name},
        "q": {"authorities": [f"Q. {principal}"], "name": name},
    }[form]


blocks = st.one_of(
    sentences,
    st.builds(lambda t: {"kind": "basis", "text": t}, sentences),
    st.builds(lambda lvl, t: {"kind": "heading", "level": lvl, "title": t}, st.sampled_from([1, 2, 3]), sentences),
    st.builds(lambda items: {"kind": "enumeration", "items": items}, st.lists(sentences, min_size=1, max_size=4)),
    st.builds(lambda items: {"kind": "list", "items": items}, st.lists(sentences, min_size=1, max_size=4)),
    st.builds(
        lambda cols, rows: {
            "kind": "table",
            "header": cols,
            "rows": [r[: len(cols)] + [""] * (len(cols) - len(r)) for r in rows],
        },
        st.lists(words, min_size=1, max_size=4),
        st.lists(st.lists(words, min_size=1, max_size=4), max_size=4),
    ),
)


@st.composite
def notice_data(draw: st.DrawFn) -> dict[str, object]:
    """A dict that validates as a Notice."""
    year = draw(st.integers(1990, 2100))
    month = draw(st.one_of(st.none(), st.integers(1, 12)))
    day = None if month is None else draw(st.one_of(st.none(), st.integers(1, 28)))
    parent = draw(st.one_of(st.none(), st.builds(lambda n: {"name": n}, sentences)))
    data: dict[str, object] = {
        "issuer": {"name": draw(sentences), "abbreviation": draw(codes), "place": draw(titles), "parent": parent},
        "number": draw(st.one_of(st.none(), st.integers(1, 9999))),
        "date": {"year": year, "month": month, "day": day},
        "summary": draw(sentences),
        "body": draw(st.lists(blocks, min_size=1, max_size=6)),
        "signature": draw(signatures()),
        "recipients": {"to": draw(st.lists(sentences, max_size=5)), "archive": draw(st.lists(codes, max_size=2))},
    }
    return data


notices = notice_data().map(Notice.model_validate)


def user_strings(data: dict[str, object]) -> list[str]:
    """Every free-text string a user gave (to check it appears verbatim in the output)."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in {"kind", "abbreviation", "archive"}:
                    walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(data)
    return out
