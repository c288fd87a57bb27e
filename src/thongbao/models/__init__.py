"""Typed models of administrative documents: pure data and validation (no rendering)."""

from thongbao.models.agency import Agency, Issuer
from thongbao.models.body import Basis, Block, DashList, Enumeration, Heading, Paragraph, Table
from thongbao.models.dates import IssueDate
from thongbao.models.document import AdministrativeDocument, Notice, load_data
from thongbao.models.marks import Circulation, Contact, DrafterMark, Secrecy, Urgency
from thongbao.models.numbering import DocumentNumber
from thongbao.models.recipients import Archive, Recipients
from thongbao.models.signing import AuthorityLine, SignatureBlock, SigningAuthority
from thongbao.models.types import (
    Appendix,
    AppendixInfo,
    Article,
    BienBan,
    CongDien,
    CongVan,
    CopyInfo,
    Decision,
    GiayGioiThieu,
    GiayMoi,
    GiayNghiPhep,
    LeavePeriod,
    NghiQuyet,
    Participant,
    QuyetDinh,
    Submission,
    document_from_data,
    model_for,
    with_copy,
)

__all__ = [
    "AdministrativeDocument",
    "Agency",
    "Appendix",
    "AppendixInfo",
    "Archive",
    "Article",
    "AuthorityLine",
    "Basis",
    "BienBan",
    "Block",
    "Circulation",
    "CongDien",
    "CongVan",
    "Contact",
    "CopyInfo",
    "DashList",
    "Decision",
    "DocumentNumber",
    "DrafterMark",
    "Enumeration",
    "GiayGioiThieu",
    "GiayMoi",
    "GiayNghiPhep",
    "Heading",
    "IssueDate",
    "Issuer",
    "LeavePeriod",
    "NghiQuyet",
    "Notice",
    "Paragraph",
    "Participant",
    "QuyetDinh",
    "Recipients",
    "Secrecy",
    "SignatureBlock",
    "SigningAuthority",
    "Submission",
    "Table",
    "Urgency",
    "document_from_data",
    "load_data",
    "model_for",
    "with_copy",
]
