"""Build DOCX files for tests by writing the XML parts directly (full control of every level).

    data = docx(body=p("Xin chào", rpr="<w:b/>"), styles=style("Body", "paragraph", rpr="<w:sz w:val='28'/>"))

Also builders for hostile packages (zip bombs with honest or lying headers, raw ZIPs).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)

MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

#: A4 portrait, ND30 margins (top 20, bottom 20, left 30, right 15 mm).
A4_SECT = (
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" '
    'w:footer="567" w:gutter="0"/>'
)


# ---------------------------------------------------------------------------------------------
# XML snippets
# ---------------------------------------------------------------------------------------------


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(text: str = "", rpr: str = "", *, inner: str | None = None) -> str:
    """A run with text (or raw ``inner`` XML) and optional direct ``w:rPr`` content."""
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    body = inner if inner is not None else (t(text) if text else "")
    return f"<w:r>{rpr_xml}{body}</w:r>"


def p(text: str | None = None, *, ppr: str = "", rpr: str = "", style: str | None = None,
      runs: str | None = None) -> str:
    """A paragraph: one run of ``text`` (or raw ``runs``), ``style`` id, extra ``ppr``."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr_xml = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if (style_xml or ppr) else ""
    content = runs if runs is not None else (r(text, rpr) if text is not None else "")
    return f"<w:p>{ppr_xml}{content}</w:p>"


def style(style_id: str, kind: str = "paragraph", *, name: str | None = None, based_on: str | None = None,
          rpr: str = "", ppr: str = "", default: bool = False, extra: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    dflt = ' w:default="1"' if default else ""
    ppr_xml = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (f'<w:style w:type="{kind}" w:styleId="{style_id}"{dflt}><w:name w:val="{name or style_id}"/>'
            f"{based}{extra}{ppr_xml}{rpr_xml}</w:style>")


def doc_defaults(rpr: str = "", ppr: str = "") -> str:
    return (f"<w:docDefaults><w:rPrDefault><w:rPr>{rpr}</w:rPr></w:rPrDefault>"
            f"<w:pPrDefault><w:pPr>{ppr}</w:pPr></w:pPrDefault></w:docDefaults>")


def table(rows: list[list[str]], *, widths: list[int] | None = None, tblpr: str = "",
          cell_pr: str = "") -> str:
    """A table; each cell is raw block XML (wrap text with :func:`p`)."""
    ncols = max(len(row) for row in rows)
    widths = widths or [9000 // ncols] * ncols
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = []
    for row in rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{widths[i]}" w:type="dxa"/>{cell_pr}</w:tcPr>{content or p("")}</w:tc>'
            for i, content in enumerate(row)
        )
        body.append(f"<w:tr>{cells}</w:tr>")
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"


def theme(major: str = "Calibri Light", minor: str = "Calibri", *, dk1: str = "000000",
          accent1: str = "4472C4") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
        '<a:themeElements><a:clrScheme name="Office">'
        f'<a:dk1><a:sysClr val="windowText" lastClr="{dk1}"/></a:dk1>'
        '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
        '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>'
        f'<a:accent1><a:srgbClr val="{accent1}"/></a:accent1>'
        '<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>'
        '<a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5>'
        '<a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>'
        '<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>'
        '<a:fontScheme name="Office">'
        f'<a:majorFont><a:latin typeface="{major}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
        f'<a:minorFont><a:latin typeface="{minor}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
        "</a:fontScheme><a:fmtScheme name=\"Office\"/></a:themeElements></a:theme>"
    )


def field_runs(instr: str, result: str, rpr: str = "") -> str:
    """A complex field: begin / instrText / separate / result / end."""
    return (
        r(inner='<w:fldChar w:fldCharType="begin"/>', rpr=rpr)
        + r(inner=f'<w:instrText xml:space="preserve"> {escape(instr)} </w:instrText>', rpr=rpr)
        + r(inner='<w:fldChar w:fldCharType="separate"/>', rpr=rpr)
        + r(result, rpr)
        + r(inner='<w:fldChar w:fldCharType="end"/>', rpr=rpr)
    )


def simple_field(instr: str, result: str, rpr: str = "") -> str:
    return f'<w:fldSimple w:instr=" {escape(instr)} ">{r(result, rpr)}</w:fldSimple>'


def anchored_shape(inner: str, cx: int, cy: int, *, name: str = "Shape 1") -> str:
    """A floating DrawingML object (``wp:anchor``) of ``cx``×``cy`` EMU around ``inner``."""
    return (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:wrapNone/><wp:docPr id="1" name="{name}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"{inner}</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )


def wps_line(cx: int, *, weight_emu: int = 9525, prst: str = "line") -> str:
    sp = (
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom><a:ln w="{weight_emu}"><a:solidFill>'
        '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    )
    return anchored_shape(sp, cx, 0, name="Line")


def wps_textbox(blocks: str, cx: int = 2000000, cy: int = 600000) -> str:
    sp = (
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{blocks}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
    )
    return anchored_shape(sp, cx, cy, name="Text Box 1")


def alternate(choice: str, fallback: str, requires: str = "wps") -> str:
    return (f'<mc:AlternateContent><mc:Choice Requires="{requires}">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


# ---------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------


def docx(
    body: str = "",
    *,
    styles: str = "",
    defaults: str | None = None,
    theme_xml: str | None = None,
    numbering: str | None = None,
    headers: dict[str, str] | None = None,
    footers: dict[str, str] | None = None,
    footnotes: str | None = None,
    sect_pr: str | None = None,
    settings: str | None = None,
    raw_document: str | None = None,
) -> bytes:
    """A complete DOCX. ``headers``/``footers`` map part stems (``header1``) to inner XML; refer
    to them in ``sect_pr`` as ``r:id="rId_header1"``. ``styles`` is the inner XML of
    ``w:styles`` after ``defaults`` (a :func:`doc_defaults` string; omitted when ``None``)."""
    headers = headers or {}
    footers = footers or {}
    parts: dict[str, str] = {}
    overrides = [("/word/document.xml", MAIN_CT)]
    rels: list[tuple[str, str, str]] = []

    sect = sect_pr if sect_pr is not None else A4_SECT
    parts["word/document.xml"] = raw_document or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NSDECL}>'
        f"<w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    )
    parts["word/styles.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NSDECL}>'
        f"{defaults or ''}{styles}</w:styles>"
    )
    overrides.append(("/word/styles.xml",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"))
    rels.append(("rId_styles", "styles", "styles.xml"))
    if theme_xml is not None:
        parts["word/theme/theme1.xml"] = theme_xml
        overrides.append(("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"))
        rels.append(("rId_theme", "theme", "theme/theme1.xml"))
    if numbering is not None:
        parts["word/numbering.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NSDECL}>'
            f"{numbering}</w:numbering>"
        )
        overrides.append(("/word/numbering.xml",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"))
        rels.append(("rId_numbering", "numbering", "numbering.xml"))
    if settings is not None:
        parts["word/settings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {NSDECL}>'
            f"{settings}</w:settings>"
        )
        overrides.append(("/word/settings.xml",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"))
        rels.append(("rId_settings", "settings", "settings.xml"))
    if footnotes is not None:
        parts["word/footnotes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NSDECL}>'
            f"{footnotes}</w:footnotes>"
        )
        overrides.append(("/word/footnotes.xml",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"))
        rels.append(("rId_footnotes", "footnotes", "footnotes.xml"))
    for kind, items, root in (("header", headers, "hdr"), ("footer", footers, "ftr")):
        for stem, inner in items.items():
            parts[f"word/{stem}.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {NSDECL}>{inner}</w:{root}>'
            )
            overrides.append((f"/word/{stem}.xml",
                              f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"))
            rels.append((f"rId_{stem}", kind, f"{stem}.xml"))

    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{ctype}"/>' for name, ctype in overrides)
        + "</Types>"
    )
    pkg_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{rid}" Type="{_REL}{kind}" Target="{target}"/>' for rid, kind, target in rels)
        + "</Relationships>"
    )
    entries = {"[Content_Types].xml": ct, "_rels/.rels": pkg_rels, "word/_rels/document.xml.rels": doc_rels}
    entries.update(parts)
    return zip_bytes({k: v.encode("utf-8") for k, v in entries.items()})


def zip_bytes(entries: dict[str, bytes], *, compress: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    entries = docx_parts(data)
    entries[name] = content
    return zip_bytes(entries)


# ---------------------------------------------------------------------------------------------
# Zip bombs, built without ever holding the inflated data
# ---------------------------------------------------------------------------------------------


def _deflated_zeros(size: int, block: int = 1 << 20) -> tuple[bytes, int]:
    """Raw deflate of ``size`` zero bytes and its CRC-32, streamed one block at a time.

    With a full flush after every block each block compresses to identical bytes, so only one
    block is ever compressed; the CRC is computed block by block.
    """
    assert size % block == 0
    zeros = bytes(block)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    second = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    assert first == second
    tail = comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(size // block):
        crc = zlib.crc32(zeros, crc)
    return first * (size // block) + tail, crc


def zip_with_raw_entry(entries: dict[str, bytes], name: str, compressed: bytes, crc: int,
                       uncompressed: int, *, declared_size: int | None = None) -> bytes:
    """A ZIP with normal ``entries`` plus one pre-deflated entry ``name``.

    ``declared_size`` lies about the uncompressed size in both headers.
    """
    out = io.BytesIO()
    central: list[bytes] = []

    def add(fname: bytes, data: bytes, method: int, crc32: int, csize: int, usize: int) -> None:
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc32, csize, usize,
                              len(fname), 0))
        out.write(fname)
        out.write(data)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc32, csize, usize,
                        len(fname), 0, 0, 0, 0, 0, offset) + fname
        )

    for fname, data in entries.items():
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        cdata = comp.compress(data) + comp.flush()
        add(fname.encode(), cdata, 8, zlib.crc32(data), len(cdata), len(data))
    size = declared_size if declared_size is not None else uncompressed
    add(name.encode(), compressed, 8, crc, len(compressed), size)
    cd_offset = out.tell()
    cd = b"".join(central)
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(cd), cd_offset, 0))
    return out.getvalue()


def docx_bomb(size: int, *, declared_size: int | None = None) -> bytes:
    """A DOCX whose ``word/document.xml`` inflates to ``size`` zero bytes."""
    base = docx_parts(docx(p("x")))
    base.pop("word/document.xml")
    compressed, crc = _deflated_zeros(size)
    return zip_with_raw_entry(base, "word/document.xml", compressed, crc, size, declared_size=declared_size)
