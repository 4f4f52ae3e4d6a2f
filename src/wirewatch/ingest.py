"""Reading articles from files, folders and JSONL into :class:`Document` objects.

This is the I/O edge of the pipeline: it decodes bytes, rejects what is not an
article (with a clear, located reason) and never runs NLP. Every problem becomes
an :class:`IngestProblem`, so a batch goes on and the store can record it.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wirewatch.errors import (
    BinaryInput,
    EmptyDocument,
    InputError,
    InputTooLarge,
    MalformedRecord,
    PathNotFound,
)
from wirewatch.model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = set(TEXT_SUFFIXES) | RECORD_SUFFIXES
RECORD_FIELDS = {"id", "text", "html", "url", "title", "published", "language", "outlet", "author"}
# Magic numbers of formats that are surely not articles (checked before decoding).
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF", b"RIFF")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class IngestProblem:
    """Something that could not be ingested, located precisely enough to fix it."""

    path: str
    line: int | None
    code: str
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: [{self.code}] {self.message}"


def decode_bytes(data: bytes, where: str) -> str:
    """Decode article bytes: BOM-marked UTF-16/32, UTF-8, else cp1252 / latin-1.

    Raises BinaryInput for bytes that are no text in any of these encodings.
    """
    if any(data.startswith(m) for m in BINARY_MAGIC):
        raise BinaryInput("binary file (PDF, image, archive or executable), not an article", where)
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise BinaryInput(
                    f"declares {enc} with a byte-order mark but does not decode", where
                ) from e
    if b"\x00" in data[:4096]:
        raise BinaryInput("contains NUL bytes: binary, or UTF-16 without a byte-order mark", where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 is what most non-UTF-8 news pages are; latin-1 decodes anything else.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text[:20000]) // 50):
        raise BinaryInput("mostly control characters: not a text file", where)
    return text


def _doc_id_from_path(path: Path) -> str:
    return path.stem


def _check_size(path: Path, max_bytes: int) -> None:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLarge(
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB cap",
            str(path),
            "split it, or raise the cap with --max-bytes",
        )
    if size == 0:
        raise EmptyDocument("empty file", str(path))


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One .txt/.md/.html file → one Document (id = file name without extension)."""
    _check_size(path, max_bytes)
    text = decode_bytes(path.read_bytes(), str(path))
    if not text.strip():
        raise EmptyDocument("file has no text (only whitespace)", str(path))
    return Document(
        id=_doc_id_from_path(path),
        raw_text=text,
        source_path=str(path),
        raw_format=TEXT_SUFFIXES.get(path.suffix.lower(), "text"),
    )


def record_to_document(record: object, where: str, fallback_id: str | None) -> Document:
    """A JSON object with SCHEMA.md's input fields → Document."""
    if not isinstance(record, dict):
        raise MalformedRecord("expected a JSON object with a 'text' or 'html' field", where)
    unknown = set(record) - RECORD_FIELDS
    text = record.get("text")
    html = record.get("html")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise EmptyDocument(
            "record has no text", where, "give the article in a 'text' or 'html' field"
        )
    published = record.get("published")
    if published is not None and not (isinstance(published, str) and _DATE_RE.match(published)):
        raise MalformedRecord(
            f"'published' is {published!r}", where, "use YYYY-MM-DD, YYYY-MM or YYYY"
        )
    doc_id = record.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        doc_id = fallback_id or hashlib.sha256(body.encode("utf-8", "replace")).hexdigest()[:16]
    doc = Document(
        id=str(doc_id),
        raw_text=body,
        url=_opt_str(record.get("url")),
        outlet=_opt_str(record.get("outlet")),
        title=_opt_str(record.get("title")),
        author=_opt_str(record.get("author")),
        published=published,
        language=_opt_str(record.get("language")),
        raw_format="html" if body is html else "text",
        source_path=where,
    )
    if unknown:
        doc.warnings.append(f"ignored unknown fields: {', '.join(sorted(unknown))}")
    return doc


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def read_records(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | IngestProblem]:
    """A .json (one document) or .jsonl (one per line) file → documents and problems."""
    _check_size(path, max_bytes)
    text = decode_bytes(path.read_bytes(), str(path))
    if path.suffix.lower() == ".json":
        try:
            record = json.loads(text)
        except json.JSONDecodeError as e:
            yield IngestProblem(str(path), e.lineno, MalformedRecord.code, f"invalid JSON: {e.msg}")
            return
        try:
            yield record_to_document(record, str(path), _doc_id_from_path(path))
        except InputError as e:
            yield IngestProblem(str(path), None, e.code, e.message)
        return
    seen_any = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield IngestProblem(str(path), lineno, MalformedRecord.code, f"invalid JSON: {e.msg}")
            continue
        try:
            yield record_to_document(record, where, None)
        except InputError as e:
            yield IngestProblem(str(path), lineno, e.code, e.message)
    if not seen_any:
        yield IngestProblem(str(path), None, EmptyDocument.code, "no records in file")


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestProblem]:
    """Expand files and folders (recursively, sorted) into supported files."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield IngestProblem(str(path), None, PathNotFound.code, "no such file or folder")
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if child.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith("."):
                        yield child
        else:
            yield path


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | IngestProblem]:
    """One file → its documents, or problems saying why not."""
    suffix = path.suffix.lower()
    try:
        if suffix in RECORD_SUFFIXES:
            yield from read_records(path, max_bytes)
        elif suffix in TEXT_SUFFIXES:
            yield read_text_file(path, max_bytes)
        else:
            yield IngestProblem(
                str(path),
                None,
                InputError.code,
                f"unsupported file type '{suffix or '(none)'}': use .txt, .md, .html, .json or .jsonl",
            )
    except InputError as e:
        yield IngestProblem(str(path), None, e.code, e.message)
    except OSError as e:
        yield IngestProblem(str(path), None, InputError.code, f"cannot read: {e.strerror or e}")


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | IngestProblem]:
    """Every document (or problem) found under the given files and folders."""
    for item in iter_files(paths):
        if isinstance(item, IngestProblem):
            yield item
        else:
            yield from read_path(item, max_bytes)
