"""Small files of every format nkterm reads besides text, written by the libraries themselves
(python-docx, warcio, pypdf) or by hand where the format is a zip of XML (EPUB): fixtures for
the reader tests and the formats benchmark. Nothing here is read from the network or shared/.
"""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

NAV = "Home World Politics Sportsmenu Subscribe navword"
FOOTER = "Copyright Daily Example footerword. All rights reserved. Contact us."


def page_html(title: str, author: str, date: str, paragraphs: list[str], site: str = "Daily Example") -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {site}</title>
<meta name="author" content="{html.escape(author)}">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{date}T08:00:00Z">
<link rel="canonical" href="https://news.example.org/{date}/story"></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li>
<li><a href="/p">Politics</a></li><li><a href="/s">Sportsmenu</a></li><li><a href="/x">Subscribe navword</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies cookieword. <button>Accept all</button></div>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By {html.escape(author)}</p>
{body}
</article>
<div class="share-buttons"><a href="#">Share on Facebook shareword</a> <a href="#">Tweet</a></div>
<section class="comments"><h3>Comments</h3><p>Great article! commentword</p></section></main>
<footer><p>{FOOTER}</p><a href="/privacy">Privacy</a></footer></body></html>"""


def write_html(path: Path, title: str, author: str, date: str, paragraphs: list[str]) -> Path:
    path.write_text(page_html(title, author, date, paragraphs), encoding="utf-8")
    return path


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    title: str = "",
    author: str = "",
    date: str = "",
    password: str | None = None,
) -> Path:
    """A PDF with one text line per item of each page (Helvetica), made with pypdf; an empty
    page list item gives a page with no text (what a scan looks like to a text extractor)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    font_ref = writer._add_object(font)
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        if lines:
            ops = " T* ".join(f"({_pdf_escape(line)}) Tj" for line in lines)
            stream = DecodedStreamObject()
            stream.set_data(f"BT /F1 11 Tf 14 TL 72 740 Td {ops} ET".encode("latin-1"))
            page[NameObject("/Contents")] = writer._add_object(stream)
    meta = {}
    if title:
        meta["/Title"] = title
    if author:
        meta["/Author"] = author
    if date:
        meta["/CreationDate"] = "D:" + date.replace("-", "") + "000000"
    if meta:
        writer.add_metadata(meta)
    if password is not None:
        writer.encrypt(password, algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_docx(path: Path, title: str, author: str, sections: list[tuple[str, list[str]]]) -> Path:
    import datetime as dt

    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.created = dt.datetime(2018, 3, 9, 12, 0)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for p in paragraphs:
            document.add_paragraph(p)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Question"
    table.cell(0, 1).text = "Answer"
    table.cell(1, 0).text = "Where were you born?"
    table.cell(1, 1).text = "Hyesan tableword"
    document.save(str(path))
    return path


def write_epub(path: Path, title: str, author: str, date: str, chapters: list[tuple[str, list[str]]]) -> Path:
    opf_items = []
    spine = []
    files = {}
    for n, (heading, paragraphs) in enumerate(chapters, 1):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        files[f"OEBPS/ch{n}.xhtml"] = (
            '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>{html.escape(heading)}</title></head><body><h1>{html.escape(heading)}</h1>"
            f"{body}</body></html>"
        )
        opf_items.append(f'<item id="ch{n}" href="ch{n}.xhtml" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="ch{n}"/>')
    # the spine is the reading order: list the manifest backwards to prove it is not used
    opf = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:12345</dc:identifier><dc:title>{html.escape(title)}</dc:title>
<dc:creator>{html.escape(author)}</dc:creator><dc:date>{date}</dc:date>
<dc:publisher>Example Press</dc:publisher><dc:language>en</dc:language></metadata>
<manifest>{"".join(reversed(opf_items))}</manifest><spine>{"".join(spine)}</spine></package>"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        z.writestr("OEBPS/content.opf", opf)
        for name, data in files.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_warc(
    path: Path, pages: list[tuple[str, str, str]], *, gzip: bool = True, seed: int | None = None
) -> Path:
    """``pages``: (url, capture date ``YYYY-MM-DDTHH:MM:SSZ``, HTML) response records, with a
    request record and a non-HTML response between them (both must be passed over). ``seed``:
    record ids drawn from it and every record dated, so the file's bytes are the same each time
    (warcio draws random ids)."""
    import random
    import uuid

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    draw = random.Random(seed)

    def fixed(headers: dict[str, str]) -> dict[str, str]:
        if seed is None:
            return headers
        return {**headers, "WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=draw.getrandbits(128))}>"}

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, date, page in pages:
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()),
                warc_headers_dict=fixed({"WARC-Date": date}),
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(page.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict=fixed({"WARC-Date": date}),
            )
            writer.write_record(record)
            css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url + "style.css",
                    "response",
                    payload=io.BytesIO(b"body{}"),
                    http_headers=css,
                    # (warcio dates an undated record now: a drawn time instead)
                    warc_headers_dict=fixed(
                        {
                            "WARC-Date": f"2026-12-07T{draw.randrange(24):02d}:{draw.randrange(60):02d}:{draw.randrange(60):02d}Z"
                        }
                    )
                    if seed is not None
                    else None,
                )
            )
    return path


def write_rss(path: Path, site: str, entries: list[tuple[str, str, str, str, str]]) -> Path:
    """``entries``: (guid, title, author, RFC 822 date, text) items of an RSS 2.0 feed."""
    items = "".join(
        f"<item><guid>{html.escape(guid)}</guid><title>{html.escape(title)}</title>"
        f"<link>https://feeds.example.org/{html.escape(guid)}</link>"
        f"<dc:creator>{html.escape(author)}</dc:creator><pubDate>{date}</pubDate>"
        f"<description>{html.escape('<p>' + text + '</p>')}</description></item>"
        for guid, title, author, date, text in entries
    )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>{html.escape(site)}</title><link>https://feeds.example.org/</link>"
        f"<description>news</description>{items}</channel></rss>",
        encoding="utf-8",
    )
    return path


def write_atom(path: Path, site: str, entries: list[tuple[str, str, str, str, str]]) -> Path:
    """``entries``: (id, title, author, ISO date, text) entries of an Atom feed."""
    items = "".join(
        f"<entry><id>{html.escape(eid)}</id><title>{html.escape(title)}</title>"
        f'<link href="https://atom.example.org/{html.escape(eid.rsplit(":", 1)[-1])}"/>'
        f"<author><name>{html.escape(author)}</name></author><published>{date}</published><updated>{date}</updated>"
        f'<content type="html">{html.escape("<p>" + text + "</p>")}</content></entry>'
        for eid, title, author, date, text in entries
    )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(site)}</title><id>urn:site</id><updated>2020-01-01T00:00:00Z</updated>{items}</feed>",
        encoding="utf-8",
    )
    return path
