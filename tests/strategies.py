"""Hypothesis strategies for valid documents, shared by the model, render and checker tests.

:func:`notice_data` draws the data file of any valid THÔNG BÁO: every optional part of the model
(ô 10-13 marks, the drafter mark and copy count, the contact footer, ``- Như trên;`` and the
archive copy count), a table as the last body block, text typed in NFD, text ending in ``,``
``;`` ``.``, XML specials, straight and typographic quotes and docxtpl's own markers
(``{_{`` ``}_}`` ``{_%`` ``%_}``). :func:`expected_texts` says what each user string must become
in the DOCX, written out here rather than taken from the rendering code (only ``upper`` is the
library's).
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Any

from hypothesis import strategies as st

from thongbao.models import Notice
from thongbao.models.marks import Circulation, Secrecy, Urgency
from thongbao.rules import ND30
from thongbao.vietnamese import in_capitals, upper

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
QUOTES = "\"'“”‘’"
#: docxtpl's escapes for literal Jinja delimiters, and the delimiters: in a value they are text.
JINJA_MARKERS = ("{_{", "}_}", "{_%", "%_}", "{{", "}}", "{%", "%}", "{#", "#}")
# User text: Vietnamese letters in both cases, digits, the XML specials, quotes and a little
# punctuation (",", ";" and "." are added at the end of sentences, where they matter).
TEXT_ALPHABET = VI_LETTERS + VI_LETTERS.upper() + string.digits + "&<>" + QUOTES + "()/%"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _maybe_nfd(text: str, decompose: bool) -> str:
    """Text as a Mac or a web form may send it: decomposed (the models must make it NFC)."""
    return nfd(text) if decompose else text


_plain_words = st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=12)
words = st.one_of(
    _plain_words,
    _plain_words,
    _plain_words,
    st.sampled_from(JINJA_MARKERS),
    st.builds(lambda a, m, b: a + m + b, _plain_words, st.sampled_from(JINJA_MARKERS), _plain_words),
)
sentences = st.builds(
    lambda ws, end, decompose: _maybe_nfd(" ".join(ws) + end, decompose),
    st.lists(words, min_size=1, max_size=25),
    st.sampled_from(["", "", "", ",", ";", "."]),
    st.booleans(),
)
# Trích yếu and signer's name are "in thường": typed in capitals they are refused (ND30-TY,
# ND30-SIGN-NAME, [case] in nd30.toml), as the checker would report them.
normal_case = sentences.filter(lambda s: not in_capitals(s, ND30.capitals_min_words))
codes = st.text(alphabet=string.ascii_uppercase + "Đ", min_size=2, max_size=8)
titles = st.builds(
    _maybe_nfd,
    st.lists(st.text(alphabet=VI_LETTERS, min_size=2, max_size=8), min_size=1, max_size=4).map(" ".join),
    st.booleans(),
)


def _mark(enum: type[Urgency] | type[Secrecy] | type[Circulation]) -> st.SearchStrategy[str | None]:
    """A mark as a user writes it: the value, lower case, decomposed, or the member name."""
    spelled = st.sampled_from(list(enum)).flatmap(
        lambda m: st.sampled_from([m.value, m.value.lower(), nfd(m.value), m.name])
    )
    return st.one_of(st.none(), spelled)


@st.composite
def signatures(draw: st.DrawFn) -> dict[str, object]:
    form = draw(st.sampled_from(["head", "kt", "tm", "tm-kt", "tl", "tl-kt", "tuq", "q"]))
    principal = draw(titles)
    deputy = draw(titles)
    name = draw(normal_case)
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


tables = st.builds(
    lambda cols, rows: {
        "kind": "table",
        "header": cols,
        "rows": [r[: len(cols)] + [""] * (len(cols) - len(r)) for r in rows],
    },
    st.lists(words, min_size=1, max_size=4),
    st.lists(st.lists(words, min_size=1, max_size=4), max_size=4),
)

blocks = st.one_of(
    sentences,
    st.builds(lambda t: {"kind": "basis", "text": t}, sentences),
    st.builds(lambda lvl, t: {"kind": "heading", "level": lvl, "title": t}, st.sampled_from([1, 2, 3]), sentences),
    st.builds(lambda items: {"kind": "enumeration", "items": items}, st.lists(sentences, min_size=1, max_size=4)),
    st.builds(lambda items: {"kind": "list", "items": items}, st.lists(sentences, min_size=1, max_size=4)),
    tables,
)

# A body often ends with a table (a list of units, figures): then ./. needs a paragraph of its own.
bodies = st.builds(
    lambda head, tail: head + tail,
    st.lists(blocks, min_size=1, max_size=6),
    st.one_of(st.just([]), tables.map(lambda t: [t])),
)

# ô 12: initials as typed ("pl", "PL.", "đt"); the model writes them in upper case (capitals
# without tone marks, A-Z and Đ: patterns.drafter_code).
drafter_codes = st.builds(
    lambda code, dot: code + dot,
    st.text(alphabet=string.ascii_letters + string.digits + "đĐ", min_size=1, max_size=5),
    st.sampled_from(["", "."]),
)
drafters = st.one_of(
    st.none(),
    st.fixed_dictionaries({"code": drafter_codes}, optional={"copies": st.integers(1, 9999)}),
)
contacts = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {}, optional={key: sentences for key in ("address", "phone", "fax", "email", "website")}
    ),
)
archives = st.one_of(
    st.lists(codes, max_size=2),
    st.fixed_dictionaries({"units": st.lists(codes, max_size=2)}, optional={"copies": st.integers(1, 99)}),
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
        "summary": draw(normal_case),
        "body": draw(bodies),
        "signature": draw(signatures()),
        "recipients": {
            "to": draw(st.lists(sentences, max_size=5)),
            "archive": draw(archives),
            "as_above": draw(st.booleans()),
        },
    }
    optional = {
        "urgency": draw(_mark(Urgency)),
        "secrecy": draw(_mark(Secrecy)),
        "circulation": draw(_mark(Circulation)),
        "drafter": draw(drafters),
        "contact": draw(contacts),
    }
    data.update({k: v for k, v in optional.items() if v is not None})
    return data


notices = notice_data().map(Notice.model_validate)


# ---------------------------------------------------------------------------------------------
# What the DOCX must say
# ---------------------------------------------------------------------------------------------

ENDING = "./."
_EDGE = re.compile(r"^[-–•\s]+|[;.,\s]+$")  # what a recipient may carry that the list writes itself


def closed(text: str) -> str:
    """``text`` as the last words of the body: ending with ``./.`` (a ``;`` or ``,`` gives way)."""
    if text.endswith(ENDING):
        return text
    if text.endswith("."):
        return text + ENDING[1:]
    return text.rstrip(";,: ") + ENDING


def _block_texts(block: Any, *, last: bool) -> list[str]:
    """The texts one body block must print (in NFC), the last one closed when ``last``."""
    if isinstance(block, str):
        block = {"kind": "paragraph", "text": block}
    kind = block["kind"]
    if kind == "table":
        return [nfc(c).strip() for c in [*block["header"], *(c for r in block["rows"] for c in r)] if c.strip()]
    if kind in ("paragraph", "basis"):
        texts = [nfc(block["text"])]
    elif kind == "heading":
        title = nfc(block["title"])
        texts = [upper(title) if block["level"] == 1 else title]
    else:
        texts = [nfc(item) for item in block["items"]]
    if last and kind != "heading":  # after a closing heading, ./. stands alone
        texts[-1] = closed(texts[-1])
    return texts


def expected_texts(data: dict[str, Any]) -> list[tuple[str, bool]]:
    """``(text, may_wrap)`` for every user string of ``data``: what the DOCX must print, NFC.

    ``may_wrap``: the text may be broken over several lines (agency names): compare it with the
    paragraphs joined by spaces. Upper case where ND30 prints it so (in hoa), the recipients with
    their dash and ``;``, the last body text closed with ``./.``.
    """
    out: list[tuple[str, bool]] = []
    issuer = data["issuer"]
    out.append((upper(nfc(issuer["name"])), True))
    if issuer.get("parent"):
        out.append((upper(nfc(issuer["parent"]["name"])), True))
    out.append((f"{nfc(issuer['place'])}, ngày", False))
    out.append((nfc(data["summary"]), False))
    body = data["body"]
    for i, block in enumerate(body):
        out += [(t, False) for t in _block_texts(block, last=i == len(body) - 1)]
    sig = data["signature"]
    for line in sig.get("authorities", []):
        prefix, _, title = nfc(line).partition(" ")
        out.append((f"{prefix} {upper(title)}", False))
    if sig.get("title"):
        out.append((upper(nfc(sig["title"])), False))
    out.append((nfc(sig["name"]), False))
    recipients = data["recipients"]
    names = (["Như trên"] if recipients.get("as_above") else []) + [_EDGE.sub("", nfc(n)) for n in recipients["to"]]
    out += [(f"- {name};", False) for name in names]
    archive = recipients["archive"]
    units, copies = (archive, None) if isinstance(archive, list) else (archive["units"], archive.get("copies"))
    parts = ["VT", *(u for u in units if u != "VT"), *([f"{copies:02d}b"] if copies else [])]
    out.append((f"- Lưu: {', '.join(parts)}.", False))
    if data.get("drafter"):
        drafter = data["drafter"]
        copies = drafter.get("copies")
        out.append((upper(drafter["code"]).rstrip(".") + "." + (f"({copies})" if copies else ""), False))
    contact = data.get("contact") or {}
    if contact.get("address"):
        out.append((f"Địa chỉ: {nfc(contact['address'])}", False))
    labels = {"phone": "ĐT", "fax": "Fax", "email": "E-Mail", "website": "Website"}
    second = [f"{label}: {nfc(contact[key])}" for key, label in labels.items() if contact.get(key)]
    if second:
        out.append((", ".join(second), False))
    for key, enum in (("urgency", Urgency), ("secrecy", Secrecy), ("circulation", Circulation)):
        if data.get(key):
            out.append((_mark_value(enum, data[key]), False))
    return out


def _mark_value(enum: type[Urgency] | type[Secrecy] | type[Circulation], given: str) -> str:
    """The printed mark for how a user wrote it (value in any case or decomposition, or the name)."""
    for member in enum:
        if given in (member.value, member.value.lower(), nfd(member.value), member.name):
            return member.value
    raise AssertionError(f"not a {enum.__name__}: {given!r}")
