"""Turning a file (or standard input) into plain text, refusing what is not a readable document.

Each refusal is an ``InvalidInputError`` whose message names the file and what is wrong, so a
batch can report it on one line and carry on with the other files.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from tierwatch.errors import InvalidInputError

MAX_BYTES = 20 * 1024 * 1024
# Reading is linear in the text's length (about a second per 100,000 characters on one core);
# past this a text would take minutes, so it is refused with one line instead.
MAX_CHARACTERS = 5_000_000
MAX_PDF_PAGES = 2_000
STDIN_NAME = "-"
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """The text of a document, the name it was given and a hash of its bytes (its identity)."""

    name: str
    text: str
    content_hash: str
    kind: str  # "text", "html" or "pdf"


def load_path(name: str | os.PathLike[str]) -> LoadedDocument:
    """Read a file by path (a string or a ``Path``), or standard input for ``-``."""
    name = os.fspath(name)
    if name == STDIN_NAME:
        return load_bytes(STDIN_NAME, sys.stdin.buffer.read(MAX_BYTES + 1))
    path = Path(name)
    if not path.exists():
        raise InvalidInputError(f"{name}: no such file")
    if not path.is_file():
        raise InvalidInputError(f"{name}: not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InvalidInputError(
            f"{name}: too large ({size / 1024 / 1024:.1f} MB; the limit is 20 MB)"
        )
    return load_bytes(name, path.read_bytes())


def load_bytes(name: str, data: bytes) -> LoadedDocument:
    """Recognise the format from the bytes (not the file name) and extract the text."""
    if len(data) > MAX_BYTES:
        raise InvalidInputError(
            f"{name}: too large ({len(data) / 1024 / 1024:.1f} MB; the limit is 20 MB)"
        )
    if not data.strip():
        raise InvalidInputError(f"{name}: empty document")
    content_hash = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        text, kind = _pdf_text(name, data), "pdf"
    else:
        decoded = _decode(name, data)
        if _HTML_START.match(data[:2048]) or name.lower().endswith((".html", ".htm")):
            lowered = data[-4096:].lower()
            if b"<html" in data[:4096].lower() and b"</html>" not in lowered:
                raise InvalidInputError(f"{name}: truncated HTML (no closing </html>)")
            text, kind = _html_text(name, decoded), "html"
        else:
            text, kind = decoded, "text"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InvalidInputError(f"{name}: no text in the document")
    if len(text) > MAX_CHARACTERS:
        raise InvalidInputError(f"{name}: text too long to read ({len(text):,} characters; "
                                f"the limit is {MAX_CHARACTERS:,})")
    return LoadedDocument(name=name, text=text, content_hash=content_hash, kind=kind)


def _decode(name: str, data: bytes) -> str:
    """UTF-8 when it is; otherwise the encoding charset-normalizer finds. Binary is refused."""
    if b"\x00" in data[:8192]:
        raise InvalidInputError(f"{name}: binary data, not a text, HTML or PDF document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            raise InvalidInputError(
                f"{name}: truncated (the file ends inside a character)"
            ) from None
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InvalidInputError(
                f"{name}: binary data or unknown text encoding"
            ) from None
        text = str(best)
    controls = len(_CONTROL.findall(text[:8192]))
    if controls > max(8, len(text[:8192]) // 100):
        raise InvalidInputError(f"{name}: binary data, not a text, HTML or PDF document")
    return text


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_SITE_SUFFIX = re.compile(r"\s+[|–—]\s+[^|–—]*$")  # "Headline | Site name"
_HEADLINE_MAX = 300


def _html_text(name: str, html: str) -> str:
    """Main content of a page: trafilatura drops navigation, comments and sidebars. The page's
    headline (its first <h1>, else its <title> less the site's name) heads the text when the
    content lacks it: it often alone names the report year and the country."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_precision=True
    )
    if not text:
        raise InvalidInputError(f"{name}: HTML page without article text")
    headline = _headline(html)
    if headline and not " ".join(text[: len(headline) + 40].split()).startswith(headline):
        text = f"{headline}\n\n{text}"
    return text


def _headline(html: str) -> str | None:
    """The page's headline as plain text, or None."""
    import html as entities

    found = _H1.search(html)
    title = found is None
    if found is None:
        found = _TITLE.search(html)
    if found is None:
        return None
    headline = " ".join(entities.unescape(_TAG.sub(" ", found.group(1))).split())
    if title:
        headline = _SITE_SUFFIX.sub("", headline)
    return headline if 0 < len(headline) <= _HEADLINE_MAX else None


def _pdf_text(name: str, data: bytes) -> str:
    """Text of every page; a PDF cut short (no end-of-file marker) is refused."""
    if b"%%EOF" not in data[-2048:]:
        raise InvalidInputError(f"{name}: truncated PDF (no end-of-file marker)")
    from pypdf import PdfReader

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL + 1)  # its warnings would be extra lines on stderr
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InvalidInputError(f"{name}: encrypted PDF (tierwatch reads only "
                                        "unprotected documents)")
            if len(reader.pages) > MAX_PDF_PAGES:
                raise InvalidInputError(f"{name}: PDF of {len(reader.pages):,} pages (the "
                                        f"limit is {MAX_PDF_PAGES:,})")
            pages = []
            total = 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                total += len(pages[-1])
                if total > MAX_CHARACTERS:
                    raise InvalidInputError(f"{name}: PDF text too long to read (over "
                                            f"{MAX_CHARACTERS:,} characters)")
    except InvalidInputError:
        raise
    except Exception as error:  # noqa: BLE001 (pypdf meets hostile bytes with any error type)
        # NotImplementedError, LimitReachedError, AttributeError, TypeError, RecursionError...
        # from a third-party parser of untrusted bytes: the document is unreadable, the
        # batch goes on.
        detail = " ".join(str(error).split())[:200] or error.__class__.__name__
        raise InvalidInputError(f"{name}: unreadable PDF ({detail})") from None
    finally:
        pypdf_log.setLevel(level)
    return "\n\n".join(pages)
