"""The parts of a .docx file around its body, and the zip they go in (Office Open XML, ISO/IEC 29500).

A Word package needs `[Content_Types].xml` (the type of every part), `_rels/.rels` (the main
document and the core properties), and the main part `word/document.xml`, whose own
relationships (`word/_rels/document.xml.rels`) name its styles, its numbering and its hyperlinks.
Elements are written in the order the schema gives: Word refuses a file whose order differs.
"""

from __future__ import annotations

import re

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LANGUAGE = "en-GB"
BULLETS = 1
"""The numbering instance every bulleted list uses; each numbered list gets the next one of its own."""


def package(title: str, body: str, links: list[str], numbered_lists: int, header: str = "") -> bytes:
    """The zipped .docx: fixed dates and attributes in the zip, so the same content gives the same bytes.

    `header`, when given, is a line at the top of every page (a part of its own, `word/header1.xml`)."""
    import io
    import zipfile  # here, not at the top: the browser's worker loads it only when a Word file is asked for

    parts = {
        "[Content_Types].xml": _content_types(bool(header)),
        "_rels/.rels": _relationships(
            ("word/document.xml", f"{R}/officeDocument"),
            (
                "docProps/core.xml",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            ),
        ),
        "docProps/core.xml": _core(title),
        "word/document.xml": _document(body, header),
        "word/_rels/document.xml.rels": _document_relationships(links, header),
        "word/styles.xml": DECLARATION + STYLES,
        "word/numbering.xml": _numbering(numbered_lists),
    }
    if header:
        parts["word/header1.xml"] = _header(header)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes whichever system writes it
            archive.writestr(info, xml.encode("utf-8"))
    return out.getvalue()


_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def xml_text(text: str) -> str:
    """Text for XML content or attribute values: escaped, without the characters XML 1.0 forbids."""
    text = _FORBIDDEN.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def has_scheme(url: str) -> bool:
    return _SCHEME.match(url) is not None


def _uri(url: str) -> str:
    """The URL with what a URI may not hold percent-encoded: Word refuses a file whose link targets are not URIs."""
    from urllib.parse import quote  # only for Word files: see `package`

    return quote(url, safe="!#$%&'()*+,-./:;=?@[]_~")


def _content_types(header: bool = False) -> str:
    overrides = {
        "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "/word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    if header:
        overrides["/word/header1.xml"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    return (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides.items())
        + "</Types>"
    )


def _relationships(*targets: tuple[str, str], external: tuple[str, ...] = ()) -> str:
    """Relationships rId1, rId2, ... to (target, type) pairs; `external` targets are links out of the file."""
    items = [
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>' for n, (target, kind) in enumerate(targets, 1)
    ]
    items += [
        f'<Relationship Id="rId{n}" Type="{R}/hyperlink" Target="{xml_text(_uri(url))}" TargetMode="External"/>'
        for n, url in enumerate(external, len(targets) + 1)
    ]
    return f'{DECLARATION}<Relationships xmlns="{RELATIONSHIPS}">{"".join(items)}</Relationships>'


def _document_relationships(links: list[str], header: str = "") -> str:
    # The body numbers its hyperlinks from rId3: keep styles and numbering first.
    xml = _relationships(("styles.xml", f"{R}/styles"), ("numbering.xml", f"{R}/numbering"), external=tuple(links))
    if not header:
        return xml
    # Its own id (HEADER), not a number, so the hyperlinks' numbers stay as they are.
    own = f'<Relationship Id="{HEADER}" Type="{R}/header" Target="header1.xml"/>'
    return xml.replace("</Relationships>", own + "</Relationships>")


HEADER = "rIdHeader"


def _header(text: str) -> str:
    """A header part: one centred, bold line."""
    return (
        f'{DECLARATION}<w:hdr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r></w:p></w:hdr>'
    )


def _core(title: str) -> str:
    return (
        f"{DECLARATION}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{xml_text(title[:255])}</dc:title><dc:language>{LANGUAGE}</dc:language></cp:coreProperties>"
    )


def _document(body: str, header: str = "") -> str:
    # A4 with 2.54 cm margins; sizes are in twentieths of a point.
    reference = f'<w:headerReference w:type="default" r:id="{HEADER}"/>' if header else ""
    section = (
        f'<w:sectPr>{reference}<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"'
        ' w:header="708" w:footer="708" w:gutter="0"/>'
        "</w:sectPr>"
    )
    return f'{DECLARATION}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{section}</w:body></w:document>'


def _numbering(numbered_lists: int) -> str:
    """One bullet definition shared by every bulleted list, and one instance per numbered list,
    each told to start at 1 (instances of one definition would otherwise go on counting)."""
    level = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    )
    definitions = "".join(
        f'<w:abstractNum w:abstractNumId="{number}"><w:multiLevelType w:val="singleLevel"/>'
        f"{level.format(format=kind, text=text)}</w:abstractNum>"
        for number, (kind, text) in enumerate((("bullet", "•"), ("decimal", "%1.")))
    )
    instances = [f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>']
    instances += [
        f'<w:num w:numId="{BULLETS + n}"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for n in range(1, numbered_lists + 1)
    ]
    return f'{DECLARATION}<w:numbering xmlns:w="{W}">{definitions}{"".join(instances)}</w:numbering>'


def _style(kind: str, style_id: str, name: str, paragraph: str = "", run: str = "", default: bool = False) -> str:
    """A style; `name` is Word's own for its built-in styles ("heading 1"), so Word treats it as that one."""
    based_on = '<w:basedOn w:val="Normal"/>' if kind == "paragraph" and style_id != "Normal" else ""
    default_for_kind = ' w:default="1"' if default else ""
    return (
        f'<w:style w:type="{kind}"{default_for_kind} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based_on}<w:qFormat/>'
        f"{f'<w:pPr>{paragraph}</w:pPr>' if paragraph else ''}{f'<w:rPr>{run}</w:rPr>' if run else ''}</w:style>"
    )


def _heading(level: int, size: int, before: int) -> str:
    return _style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",
        f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{level - 1}"/>',
        f'<w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
    )


STYLES = (
    f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>'
    f'<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{LANGUAGE}"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    + _style("paragraph", "Normal", "Normal", default=True)
    + _heading(1, 36, 240)
    + _heading(2, 28, 360)
    + _heading(3, 24, 240)
    + _style("paragraph", "Subtitle", "Subtitle", run='<w:color w:val="404040"/><w:sz w:val="26"/><w:szCs w:val="26"/>')
    + _style("paragraph", "Caption", "caption", '<w:spacing w:before="120" w:after="80"/>', "<w:i/><w:iCs/>")
    + _style("paragraph", "ListBullet", "List Bullet", '<w:spacing w:after="80"/>')
    + _style("paragraph", "ListNumber", "List Number", '<w:spacing w:after="80"/>')
    + _style("paragraph", "TableText", "Table Text", '<w:spacing w:before="40" w:after="40"/>')
    + _style(
        "paragraph",
        "Notice",
        "Notice",
        '<w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="808080"/></w:pBdr><w:ind w:left="240"/>',
    )
    + _style("character", "Hyperlink", "Hyperlink", run='<w:color w:val="0563C1"/><w:u w:val="single"/>')
    + _style("character", "HTMLCode", "HTML Code", run='<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>')
    + "</w:styles>"
)
