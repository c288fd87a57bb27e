"""Typed models of administrative documents: pure data and validation (no rendering)."""

from thongbao.models.agency import Agency, Issuer
from thongbao.models.body import Basis, Block, DashList, Enumeration, Heading, Paragraph, Table
from thongbao.models.dates import IssueDate
from thongbao.models.document import AdministrativeDocument, Notice, load_data
from thongbao.models.marks import Circulation, Contact, DrafterMark, Secrecy, Urgency
from thongbao.models.numbering import DocumentNumber
from thongbao.models.recipients import Archive, Recipients
from thongbao.models.signing import AuthorityLine, SignatureBlock, SigningAuthority

__all__ = [
    "AdministrativeDocument",
    "Agency",
    "Archive",
    "AuthorityLine",
    "Basis",
    "Block",
    "Circulation",
    "Contact",
    "DashList",
    "DocumentNumber",
    "DrafterMark",
    "Enumeration",
    "Heading",
    "IssueDate",
    "Issuer",
    "Notice",
    "Paragraph",
    "Recipients",
    "Secrecy",
    "SignatureBlock",
    "SigningAuthority",
    "Table",
    "Urgency",
    "load_data",
]
