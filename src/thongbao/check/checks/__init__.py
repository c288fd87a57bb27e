"""The built-in checks, one function per rule id (importing this package registers them).

Findings are sorted by place in the document, then by the order of the rules in nd30.toml, so
the order of registration does not matter.
"""

from thongbao.check.checks import body, fonts, header, page, signature, structure, title

__all__ = ["body", "fonts", "header", "page", "signature", "structure", "title"]
