"""Models of the document types whose fields differ from Mẫu 1.4 (Phụ lục III), plus appendices
(Mẫu 2.1/2.2) and copies (Mẫu 3.1/3.2).

Each class is an :class:`~thongbao.models.AdministrativeDocument` with the fields its sample
(Mẫu) asks for; the words the layout prints are made in :mod:`thongbao.render.context`.

=====================  =========================  =================================================
model                  Mẫu / layout               fields beyond the common ones
=====================  =========================  =================================================
:class:`NghiQuyet`     1.1 ``nd30/mau-1.1``       ``authority``, ``bases``, ``proposal``, ``articles``
:class:`QuyetDinh`     1.2 / 1.3 (``form``)       same as NghiQuyet; ``form: direct | indirect``
:class:`Submission`    1.4 (tờ trình, báo cáo)    ``addressees`` (Kính gửi, ô 9a)
:class:`CongVan`       1.5 ``nd30/mau-1.5``       ``addressees`` (Kính gửi); ``unit`` required
:class:`CongDien`      1.6 ``nd30/mau-1.6``       ``sender``, ``addressees``
:class:`GiayMoi`       1.7 ``nd30/mau-1.7``       ``invitee``, ``event``, ``chair``, ``time``, ``venue``, …
:class:`GiayGioiThieu` 1.8 ``nd30/mau-1.8``       ``person``, ``position``, ``sent_to``, ``purpose``, …
:class:`BienBan`       1.9 ``nd30/mau-1.9``       ``started_at``, ``venue``, ``chair``, ``secretary``, …
:class:`GiayNghiPhep`  1.10 ``nd30/mau-1.10``     ``request_date``, ``person``, ``period``, ``leave_place``, …
:class:`Appendix`      2.1 / 2.2 (``electronic``) ``appendix`` (label, title, electronic, signed_at)
copy of any model      3.1 / 3.2                  ``copy`` (:class:`CopyInfo`), see :func:`with_copy`
=====================  =========================  =================================================

:func:`document_from_data` picks the model from the data (``document_type``, ``appendix``,
``copy``); :func:`model_for` gives the model of a type key.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal, cast

from pydantic import ConfigDict, Field, ValidationError, create_model, field_validator, model_validator

from thongbao.errors import DocumentValidationError
from thongbao.models.agency import Issuer
from thongbao.models.base import Model, Text, accepts, rule_error, string_form
from thongbao.models.body import Body
from thongbao.models.dates import CalendarDate, IssueDate
from thongbao.models.document import AdministrativeDocument, Notice
from thongbao.models.numbering import DocumentTypeKey, NumberInput, _document_type, format_number_line, number_input
from thongbao.models.recipients import Archive, Recipients
from thongbao.models.signing import SignatureBlock
from thongbao.rules import ND30
from thongbao.vietnamese import fold, meeting_time

__all__ = [
    "Appendix",
    "AppendixInfo",
    "Article",
    "BienBan",
    "CongDien",
    "CongVan",
    "CopyInfo",
    "Decision",
    "GiayGioiThieu",
    "GiayMoi",
    "GiayNghiPhep",
    "LeavePeriod",
    "NghiQuyet",
    "Participant",
    "QuyetDinh",
    "Submission",
    "copy_info",
    "document_from_data",
    "model_for",
    "model_of_data",
    "with_copy",
]


def _optional(*fields: str) -> Callable[[dict[str, Any]], None]:
    """``json_schema_extra`` of a model that fills these required fields of its base itself."""

    def drop(schema: dict[str, Any]) -> None:
        required = [f for f in schema.get("required", []) if f not in fields]
        if required:
            schema["required"] = required
        else:
            schema.pop("required", None)

    return drop


def _only(value: str, allowed: tuple[str, ...], model: str) -> str:
    if value not in allowed:
        raise rule_error(
            "ND30-INPUT-TYPE",
            f"a {model} is {' or '.join(allowed)}, not {value!r}",
            f"{model} là {' hoặc '.join(allowed)}, không phải {value!r}",
        )
    return value


# ---------------------------------------------------------------------------------------------
# 1.1 - 1.3: nghị quyết, quyết định
# ---------------------------------------------------------------------------------------------


class Article(Model):
    """An ``Điều`` of a nghị quyết or quyết định: ``Điều 1.`` (bold) and its text, or a titled
    article (``Điều 1. Phạm vi điều chỉnh``, all bold) followed by its text; ``clauses`` become
    ``1.``, ``2.`` … paragraphs; in data, a string is an article's text."""

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = (string_form("The article's text (no title, no clauses)."),)

    title: Text | None = Field(default=None, description="Tên điều (optional), printed bold after the number.")
    text: Text | None = Field(default=None, description="Nội dung điều.")
    clauses: tuple[Text, ...] = Field(default=(), description="Khoản: numbered 1., 2., … in order.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _not_empty(self) -> Article:
        if not (self.title or self.text or self.clauses):
            raise rule_error(
                "ND30-STR", "an article needs a title, a text or clauses", "điều phải có tên, nội dung hoặc khoản"
            )
        return self


class Decision(AdministrativeDocument):
    """Common shape of Mẫu 1.1-1.3: thẩm quyền ban hành, căn cứ (italic), the enacting words
    (``QUYẾT ĐỊNH:`` / ``QUYẾT NGHỊ:``) and the articles (``Điều 1.`` …)."""

    authority: Text = Field(
        description="Thẩm quyền ban hành (centred, upper case): the head's title, e.g. 'Giám đốc Sở Khoa học và "
        "Công nghệ', or the collective, e.g. 'Hội đồng nhân dân tỉnh Hưng Yên'."
    )
    bases: tuple[Text, ...] = Field(
        default=(), description="Căn cứ lines, one per item ('Căn cứ …'); the library adds ';' and the final '.'."
    )
    proposal: Text | None = Field(default=None, description="'Theo đề nghị của …' (the last căn cứ line).")
    articles: tuple[Article, ...] = Field(min_length=1, description="Điều 1, Điều 2, …")
    body: Body = Field(default=(), description="Unused: the articles are the content.")

    @property
    def enacting_words(self) -> str:
        """``QUYẾT ĐỊNH:`` (1.2, 1.3) or ``QUYẾT NGHỊ:`` (1.1)."""
        return "QUYẾT NGHỊ:" if self.document_type == "nghi_quyet" else "QUYẾT ĐỊNH:"


class NghiQuyet(Decision):
    """NGHỊ QUYẾT (cá biệt), Mẫu 1.1."""

    document_type: DocumentTypeKey = Field(default="nghi_quyet", description="Always nghị quyết.")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("nghi_quyet",), "NghiQuyet")


class QuyetDinh(Decision):
    """QUYẾT ĐỊNH (cá biệt): Mẫu 1.2 (quy định trực tiếp) or 1.3 (ban hành, phê duyệt a text: gián tiếp)."""

    document_type: DocumentTypeKey = Field(default="quyet_dinh", description="Always quyết định.")
    form: Literal["direct", "indirect"] = Field(
        default="direct", description="direct: Mẫu 1.2; indirect (ban hành / phê duyệt kèm theo): Mẫu 1.3."
    )

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("quyet_dinh",), "QuyetDinh")


# ---------------------------------------------------------------------------------------------
# 1.4 with Kính gửi, 1.5 công văn, 1.6 công điện
# ---------------------------------------------------------------------------------------------


class _Addressed(AdministrativeDocument):
    addressees: tuple[Text, ...] = Field(
        default=(), description="Kính gửi (ô 9a): one name per item, without dash or punctuation."
    )


class Submission(_Addressed):
    """TỜ TRÌNH or BÁO CÁO sent to a superior: Mẫu 1.4 with Kính gửi (ô 9a)."""

    document_type: DocumentTypeKey = Field(default="to_trinh", description="tờ trình or báo cáo.")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("to_trinh", "bao_cao"), "Submission")


class CongVan(_Addressed):
    """CÔNG VĂN, Mẫu 1.5: no type name; ``V/v`` trích yếu under the number; Kính gửi; ``- Như trên;``."""

    document_type: DocumentTypeKey = Field(default="cong_van", description="Always công văn.")
    addressees: tuple[Text, ...] = Field(min_length=1, description="Kính gửi: one name per item.")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("cong_van",), "CongVan")

    @model_validator(mode="before")
    @classmethod
    def _as_above(cls, value: Any) -> Any:
        # Mẫu 1.5: the Nơi nhận list starts with "- Như trên;" (the Kính gửi addressees).
        if isinstance(value, dict) and isinstance(value.get("recipients"), dict):
            recipients = value["recipients"]
            if "as_above" not in recipients:
                value = {**value, "recipients": {**recipients, "as_above": True}}
        return value


class CongDien(_Addressed):
    """CÔNG ĐIỆN, Mẫu 1.6: ``<sender> điện:`` then the addressees, each ``- …;``."""

    document_type: DocumentTypeKey = Field(default="cong_dien", description="Always công điện.")
    sender: Text = Field(description="Who sends the telegram, e.g. 'Chủ tịch Ủy ban nhân dân tỉnh'.")
    addressees: tuple[Text, ...] = Field(min_length=1, description="Tên cơ quan, tổ chức nhận điện.")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("cong_dien",), "CongDien")


# ---------------------------------------------------------------------------------------------
# 1.7 - 1.10: giấy mời, giấy giới thiệu, biên bản, giấy nghỉ phép
# ---------------------------------------------------------------------------------------------

Honorific = Literal["Ông", "Bà", "Ông (bà)"]

_MEETING_AT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})")


class GiayMoi(AdministrativeDocument):
    """GIẤY MỜI, Mẫu 1.7. ``body`` (optional) adds paragraphs after ``notes``."""

    document_type: DocumentTypeKey = Field(default="giay_moi", description="Always giấy mời.")
    invitee: Text = Field(description="Người/cơ quan được mời (họ tên, chức vụ, đơn vị).")
    event: Text = Field(description="Tên (nội dung) cuộc họp, hội thảo, hội nghị.")
    chair: Text | None = Field(default=None, description="Chủ trì.")
    time: Annotated[
        Text,
        accepts(string_form("A date and time, written out for you", pattern=_MEETING_AT.pattern,
                            examples=("2023-05-15 08:00",))),
    ] = Field(
        description="Thời gian: '2023-05-15 08:00' is written '08 giờ 00, thứ Hai, ngày 15 tháng 5 năm 2023'; "
        "other text is kept as given."
    )
    venue: Text = Field(description="Địa điểm.")
    notes: tuple[Text, ...] = Field(default=(), description="Các vấn đề cần lưu ý (one paragraph each).")
    body: Body = Field(default=(), description="Further paragraphs (optional).")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("giay_moi",), "GiayMoi")

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        """A ``datetime`` or ``YYYY-MM-DD HH:MM`` text becomes the words of Mẫu 1.7 (Babel's weekday)."""
        if isinstance(value, str) and (m := _MEETING_AT.fullmatch(value.strip())):
            try:
                year, month, day, hour, minute = (int(g) for g in m.groups())
                value = dt.datetime(year, month, day, hour, minute)
            except ValueError:
                raise rule_error(
                    "ND30-INPUT-DATE", f"{value!r} does not exist", f"thời điểm {value!r} không có thật"
                ) from None
        if isinstance(value, dt.datetime):
            return meeting_time(value)
        return value


class GiayGioiThieu(AdministrativeDocument):
    """GIẤY GIỚI THIỆU, Mẫu 1.8: no trích yếu (``summary`` only names the file)."""

    document_type: DocumentTypeKey = Field(default="giay_gioi_thieu", description="Always giấy giới thiệu.")
    summary: Text = Field(default="Giới thiệu công tác", description="Not printed (Mẫu 1.8 has no trích yếu).")
    honorific: Honorific = Field(default="Ông (bà)", description="Ông, Bà or Ông (bà).")
    person: Text = Field(description="Họ và tên người được giới thiệu.")
    position: Text | None = Field(default=None, description="Chức vụ, đơn vị công tác.")
    sent_to: Text = Field(description="Được cử đến: tên cơ quan, tổ chức.")
    purpose: Text = Field(description="Về việc.")
    valid_until: CalendarDate = Field(description="Giấy có giá trị đến hết ngày.")
    body: Body = Field(default=(), description="Unused.")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("giay_gioi_thieu",), "GiayGioiThieu")


class Participant(Model):
    """Someone named in a biên bản: name and (optional) title; in data, a string is the name."""

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = (string_form("The person's name."),)

    name: Text
    title: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @property
    def text(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


class BienBan(AdministrativeDocument):
    """BIÊN BẢN, Mẫu 1.9: no date line in the header; two signatures (THƯ KÝ left, CHỦ TỌA right).

    ``signature`` is the chair's (default: ``CHỦ TỌA`` and ``chair.name``); ``body`` is the
    content (theo diễn biến cuộc họp).
    """

    model_config = ConfigDict(json_schema_extra=_optional("signature"))

    document_type: DocumentTypeKey = Field(default="bien_ban", description="Always biên bản.")
    started_at: Text = Field(description="Thời gian bắt đầu.")
    venue: Text = Field(description="Địa điểm.")
    attendees: Text = Field(description="Thành phần tham dự.")
    chair: Participant = Field(description="Chủ trì (chủ tọa).")
    secretary: Participant = Field(description="Thư ký (người ghi biên bản).")
    ended_at: Text = Field(description="Cuộc họp kết thúc vào … (giờ, ngày).")
    meeting: Text = Field(default="Cuộc họp", description="What ended: Cuộc họp, Hội nghị, Hội thảo.")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("bien_ban",), "BienBan")

    @model_validator(mode="before")
    @classmethod
    def _chair_signs(cls, value: Any) -> Any:
        if isinstance(value, dict) and "signature" not in value:
            chair = value.get("chair")
            name = chair if isinstance(chair, str) else chair.get("name") if isinstance(chair, dict) else None
            if name:
                value = {**value, "signature": {"title": "Chủ tọa", "name": name}}
        return value


class LeavePeriod(Model):
    """Được nghỉ phép trong thời gian … kể từ ngày … đến hết ngày …."""

    start: CalendarDate
    end: CalendarDate

    @model_validator(mode="after")
    def _order(self) -> LeavePeriod:
        if self.end < self.start:
            raise rule_error("ND30-INPUT-DATE", "the leave ends before it starts", "ngày kết thúc trước ngày bắt đầu")
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class GiayNghiPhep(AdministrativeDocument):
    """GIẤY NGHỈ PHÉP, Mẫu 1.10: no trích yếu; a confirmation box for the place of leave."""

    document_type: DocumentTypeKey = Field(default="giay_nghi_phep", description="Always giấy nghỉ phép.")
    summary: Text = Field(default="Nghỉ phép", description="Not printed (Mẫu 1.10 has no trích yếu).")
    request_date: CalendarDate = Field(description="Ngày của Đơn đề nghị nghỉ phép.")
    honorific: Honorific = Field(default="Ông (bà)")
    person: Text = Field(description="Họ và tên.")
    position: Text | None = Field(default=None, description="Chức vụ, đơn vị công tác.")
    period: LeavePeriod
    leave_place: Text = Field(description="Nơi nghỉ phép.")
    counted_as: Text = Field(description="Tính vào thời gian …, e.g. 'nghỉ hằng năm có hưởng lương'.")
    confirmation: bool = Field(default=True, description="Print the box for the confirmation of the place of leave.")
    body: Body = Field(default=(), description="Unused.")

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _only(value, ("giay_nghi_phep",), "GiayNghiPhep")


# ---------------------------------------------------------------------------------------------
# 2.1 / 2.2: appendices
# ---------------------------------------------------------------------------------------------


class AppendixInfo(Model):
    """The appendix itself: ``Phụ lục I``, its title, paper (2.1) or electronic (2.2)."""

    label: Text | None = Field(default=None, description="Số thứ tự (I, II, …); Roman numerals when 2 or more.")
    title: Text = Field(description="Tiêu đề của Phụ lục (printed in upper case).")
    electronic: bool = Field(default=False, description="Mẫu 2.2: a separate electronic file.")
    signed_at: dt.datetime | None = Field(
        default=None, description="Mẫu 2.2: time of the agency's digital signature (ISO 8601, with offset)."
    )


_NO_SIGNATURE = SignatureBlock(title="-", name="-")
_NO_RECIPIENTS = Recipients(archive=Archive())


class Appendix(AdministrativeDocument):
    """A PHỤ LỤC rendered as its own file (Mẫu 2.1 paper, 2.2 electronic), so its pages are
    numbered on their own (Phụ lục I III.1.đ).

    ``document_type``, ``issuer``, ``number``, ``unit`` and ``date`` are those of the document it
    is attached to (they make the ``(Kèm theo …)`` line); ``body`` is the appendix content.
    ``signature``/``recipients`` are not used (an appendix has none).
    """

    appendix: AppendixInfo
    summary: Text = Field(default="Phụ lục", description="Unused (the appendix title is appendix.title).")
    signature: SignatureBlock = Field(default=_NO_SIGNATURE, description="Unused.")
    recipients: Recipients = Field(default=_NO_RECIPIENTS, description="Unused.")


# ---------------------------------------------------------------------------------------------
# 3.1 / 3.2: copies
# ---------------------------------------------------------------------------------------------

_COPY_FORMS = {code: name for code, name in ND30.copy_types.items()}
_COPY_WORDS = {"SY": "SAO Y", "TrS": "TRÍCH SAO", "SL": "SAO LỤC"}


class CopyInfo(Model):
    """Thể thức bản sao (Phụ lục I Phần II; Mẫu 3.1 paper, 3.2 electronic).

    ``form`` is SY (sao y), TrS (trích sao) or SL (sao lục); the number is the copy's own
    (``Số: 12/SY-SKHCN``).
    """

    form: Annotated[
        Literal["SY", "TrS", "SL"],
        accepts(string_form("The copy's name in any case: sao y, bản trích sao, SAO LỤC…")),
    ] = Field(description="SY, TrS or SL (or 'sao y', 'trích sao', 'sao lục').")
    issuer: Issuer = Field(description="Cơ quan, tổ chức thực hiện sao văn bản (and its địa danh).")
    number: NumberInput | None = Field(
        default=None, description="Số bản sao; None = để trống.", json_schema_extra={"minimum": 1}
    )
    date: IssueDate = Field(description="Ngày sao.")
    signature: SignatureBlock = Field(description="Người ký bản sao.")
    recipients: Recipients = Field(description="Nơi nhận of the copy.")
    electronic: bool = Field(default=False, description="Mẫu 3.2: an electronic copy (ô 14 line, no paper block).")
    signed_at: dt.datetime | None = Field(default=None, description="Mẫu 3.2: time of the digital signature.")

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return number_input(value)

    @field_validator("form", mode="before")
    @classmethod
    def _form(cls, value: Any) -> Any:
        if isinstance(value, str):
            wanted = fold(value)
            for code, name in _COPY_FORMS.items():
                if wanted in {fold(code), fold(name), fold(name.removeprefix("Bản ")), fold(_COPY_WORDS[code])}:
                    return code
        return value

    @property
    def words(self) -> str:
        """``SAO Y``, ``TRÍCH SAO`` or ``SAO LỤC``."""
        return _COPY_WORDS[self.form]

    @property
    def number_line(self) -> str:
        """``Số: 12/SY-SKHCN``."""
        return format_number_line(self.number, f"{self.form}-{self.issuer.abbreviation}")

    @property
    def date_line(self) -> str:
        return self.date.line(self.issuer.place)


@functools.cache
def with_copy(cls: type[AdministrativeDocument]) -> type[AdministrativeDocument]:
    """``cls`` plus a required ``copy`` (:class:`CopyInfo`): a copy of a document of that model."""
    model = create_model(
        f"{cls.__name__}Copy",
        __base__=cls,
        __doc__=f"A copy (bản sao) of a {cls.__name__}.",
        copy_info=(CopyInfo, Field(alias="copy", description="Thể thức bản sao.")),
    )
    return cast(type[AdministrativeDocument], model)


def copy_info(document: AdministrativeDocument) -> CopyInfo | None:
    """The copy information of a document made with :func:`with_copy`, else ``None``."""
    info = getattr(document, "copy_info", None)
    return info if isinstance(info, CopyInfo) else None


# ---------------------------------------------------------------------------------------------
# Dispatch
# ---------------------------------------------------------------------------------------------

_MODELS: dict[str, type[AdministrativeDocument]] = {
    "nghi_quyet": NghiQuyet,
    "quyet_dinh": QuyetDinh,
    "thong_bao": Notice,
    "to_trinh": Submission,
    "bao_cao": Submission,
    "cong_van": CongVan,
    "cong_dien": CongDien,
    "giay_moi": GiayMoi,
    "giay_gioi_thieu": GiayGioiThieu,
    "bien_ban": BienBan,
    "giay_nghi_phep": GiayNghiPhep,
}


def model_for(document_type: str) -> type[AdministrativeDocument]:
    """The model of a type (key, name or code): e.g. ``CongVan`` for ``cong_van``; the common
    :class:`AdministrativeDocument` for the other Mẫu 1.4 types. ``KeyError`` if unknown."""
    try:
        key = _document_type(document_type)
    except ValueError:
        raise KeyError(document_type) from None
    return _MODELS.get(key, AdministrativeDocument)


def model_of_data(data: Any) -> type[AdministrativeDocument]:
    """The model :func:`document_from_data` validates ``data`` with (its JSON Schema describes that data)."""
    if not isinstance(data, dict):
        return AdministrativeDocument
    cls: type[AdministrativeDocument]
    if "appendix" in data:
        cls = Appendix
    else:
        raw = data.get("document_type", "thong_bao")
        try:
            cls = model_for(raw) if isinstance(raw, str) else AdministrativeDocument
        except KeyError:
            cls = AdministrativeDocument  # the model reports the unknown type
    return with_copy(cls) if "copy" in data else cls


def document_from_data(data: Any, *, source: str | None = None) -> AdministrativeDocument:
    """Validate data (from YAML/JSON) with the model its type asks for (see the module table)."""
    cls = model_of_data(data)
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise DocumentValidationError.from_pydantic(exc, source=source) from None
