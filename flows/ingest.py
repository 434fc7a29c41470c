"""Ingest: turn files on disk into Article records (or Rejections saying why not).

    iter_articles(paths)  -> Article | Rejection, one by one, in a deterministic order
    expand_paths(paths)   -> (files to read, rejections for paths that lead nowhere)
    read_file(path)       -> the Articles and Rejections of one file
    file_digest(path)     -> sha256 of a file's bytes, which incremental runs compare with the last run's

PATHS may be files, folders (walked recursively, in sorted order) and glob patterns ("data/**/*.md").
Supported formats, chosen by file extension (case-insensitive):

- `.txt`, `.md`: optional YAML front matter (`title`, `published`, `publisher`, `url`). Without it,
  or for the fields it leaves out, a leading date line ("Tuesday, November 19, 2024") gives the
  published date and the next non-empty line the title. The body is the whole text after the front
  matter, verbatim: the date and title lines stay in it, so nothing is lost and offsets are simple.
- `.jsonl`: one article a line (`id`, `title`, `published`, `publisher`, `url`, `text`); the source
  is "PATH#ID", ID being the record's `id` or its 1-based line number. A bad line is rejected on its
  own (not JSON, not an object, no text, a field of the wrong type, invalid Unicode); the other
  lines still yield. Blank lines are skipped.
- `.html`, `.htm`: main text and metadata by trafilatura, from the file only (never the network);
  scripts, styles, iframes, noscript and embedded objects leave no text in the body.
- Any of these compressed with gzip, bzip2 or xz ("feed.jsonl.gz"), recognised by their first bytes.
  ZIP and other archives are rejected: unpack them first.

Bodies are kept exactly as decoded (line endings included); only a leading byte order mark is
dropped. Bad input never stops the iteration: missing paths, symbolic link loops, empty, binary,
undecodable, unreadable files and files over MAX_BYTES (50 MB, also after decompression) become
Rejections (stage "ingest"). Inside folders and glob matches, files with
other extensions and hidden files/folders (".git") are skipped silently; a file named explicitly
with an unsupported extension is rejected. A file reached twice (named and inside a folder) is read
once.
"""
from __future__ import annotations

import bz2
import codecs
import errno
import glob
import gzip
import hashlib
import io
import json
import lzma
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

import charset_normalizer
import yaml

from flows.dates import parse_date
from flows.header import read_header
from flows.model import Article, Rejection

MAX_BYTES = 50 * 1024 * 1024  # larger files are rejected rather than read into memory

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Compressed files are read whole: "feed.jsonl.gz" is JSON Lines. Archives of many files are not.
COMPRESSED_SUFFIXES = frozenset({".gz", ".bz2", ".xz"})
_COMPRESSIONS = (
    (b"\x1f\x8b", "gzip", gzip.open),
    (b"BZh", "bzip2", bz2.open),
    (b"\xfd7zXZ\x00", "xz", lzma.open),
)
_ZIP_MAGIC = b"PK\x03\x04"

# Byte order marks name their encoding outright; UTF-32 first because its LE mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_FALLBACK_ENCODING = "cp1252"

# libyaml's safe loader (when PyYAML was built with it) is faster than the pure-Python one, same rules.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# "---" at the very start, YAML, then a closing "---" (or YAML's "...") on a line of its own.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)

_GLOB_CHARS = re.compile(r"[*?\[]")

def iter_articles(paths: Sequence[str | Path]) -> Iterator[Article | Rejection]:
    """Yield an Article per readable article in PATHS and a Rejection per input that is not one.

    Rejections for paths that lead nowhere come first, then the files in the order expand_paths
    gives. The same files always give the same records in the same order.
    """
    files, rejections = expand_paths(paths)
    yield from rejections
    for path in files:
        yield from read_file(path)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Rejection]]:
    """Resolve files, folders (recursively) and glob patterns into a list of files to read.

    Explicit files keep their place in PATHS; a folder or glob contributes its supported files in
    sorted order. Missing paths, globs that match no supported file and explicit files of an
    unsupported type become Rejections.
    """
    files: list[Path] = []
    rejections: list[Rejection] = []
    seen: set[Path] = set()

    def add(candidates: Iterable[Path]) -> None:
        for candidate in candidates:
            key = Path(os.path.realpath(candidate))  # unlike Path.resolve, never raises on a link loop
            if key not in seen:
                seen.add(key)
                files.append(candidate)

    for raw in paths:
        path = Path(os.path.expanduser(str(raw)))
        if not path.exists() and not path.is_symlink() and _GLOB_CHARS.search(str(raw)):
            found, problems = _expand_glob(str(path))
            add(found)
            rejections += problems
            if not found and not problems:
                rejections.append(_path_rejection(str(raw), "glob pattern matched no supported files"))
        elif path.is_dir():
            found, problems = _walk_folder(path)
            add(found)
            rejections += problems
        elif path.is_file():
            if _format_suffix(path) in SUPPORTED_SUFFIXES:
                add([path])
            else:
                rejections.append(_path_rejection(path, _unsupported_reason(path)))
        else:
            rejections.append(_path_rejection(path, _not_a_file_reason(path)))
    return files, rejections


def _not_a_file_reason(path: Path) -> str:
    """Why a path that is neither a regular file nor a folder cannot be read."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "path is a symbolic link loop"
        return "path is a broken symbolic link" if path.is_symlink() else "path does not exist"
    return "path is neither a regular file nor a folder (a device, socket or pipe)"


def _expand_glob(pattern: str) -> tuple[list[Path], list[Rejection]]:
    """Supported files matched by a glob pattern ("**" recurses), folders among the matches walked."""
    files: list[Path] = []
    rejections: list[Rejection] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        path = Path(match)
        if path.is_dir():
            found, problems = _walk_folder(path)
            files += found
            rejections += problems
        elif _format_suffix(path) in SUPPORTED_SUFFIXES:
            if path.is_file():
                files.append(path)
            else:
                rejections.append(_path_rejection(path, _not_a_file_reason(path)))
    return files, rejections


def _walk_folder(folder: Path) -> tuple[list[Path], list[Rejection]]:
    """Supported files under FOLDER, sorted by path; hidden entries and other types skipped.

    Symbolic links to folders are followed, but a folder already visited (by its real path) is not
    entered again, so link loops end.
    """
    files: list[Path] = []
    rejections: list[Rejection] = []
    visited: set[str] = set()

    def on_error(error: OSError) -> None:
        reason = f"folder cannot be read: {error.strerror}"
        rejections.append(_path_rejection(error.filename or folder, reason))

    for root, dirnames, filenames in os.walk(folder, onerror=on_error, followlinks=True):
        visited.add(os.path.realpath(root))
        # Pruning in place tells os.walk which subfolders to enter.
        dirnames[:] = [
            d for d in dirnames
            if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) not in visited
        ]
        for name in filenames:
            path = Path(root, name)
            if name.startswith(".") or _format_suffix(path) not in SUPPORTED_SUFFIXES:
                continue
            if path.is_file():
                files.append(path)
            else:
                rejections.append(_path_rejection(path, _not_a_file_reason(path)))
    return sorted(files, key=lambda p: p.parts), rejections


def file_digest(path: Path) -> str | None:
    """The sha256 of the file's bytes; None when it cannot be read or is over the size limit."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None  # read_file will say why


def read_file(path: Path) -> Iterator[Article | Rejection]:
    """Read one supported file: a .jsonl file yields one record per line, the others one record."""
    text = _read_text(path)
    if isinstance(text, Rejection):
        yield text
        return
    suffix = _format_suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(path, text)
    else:
        yield _read_plain(path, text)


def _read_text(path: Path) -> str | Rejection:
    """The file's text, decoded, or a Rejection saying why it cannot be had."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            reason = f"file is larger than the {_size_label(MAX_BYTES)} limit ({size} bytes)"
            return _path_rejection(path, reason)
        data = path.read_bytes()
    except PermissionError:
        return _path_rejection(path, "file cannot be read: permission denied")
    except OSError as error:
        return _path_rejection(path, f"file cannot be read: {error.strerror or error}")
    if not data:
        return _path_rejection(path, "file is empty")
    data = _decompress(path, data)
    if isinstance(data, Rejection):
        return data
    text = decode(data)
    if text is None:
        if b"\x00" in data:
            return _path_rejection(path, "file is binary, not text (it contains NUL bytes)")
        return _path_rejection(path, "file is not UTF-8 and its text encoding could not be detected")
    if not text.strip():
        return _path_rejection(path, "file contains only whitespace")
    return text


def _decompress(path: Path, data: bytes) -> bytes | Rejection:
    """The bytes inside gzip, bzip2 or xz data (known by their magic bytes, whatever the file's name);
    other data unchanged. The size limit applies to what comes out, so a small "zip bomb" is refused.
    """
    compression = next(((name, op) for magic, name, op in _COMPRESSIONS if data.startswith(magic)), None)
    if compression is None:
        if data.startswith(_ZIP_MAGIC):
            return _path_rejection(path, "file is a ZIP archive: unpack it and read the files inside")
        return data
    name, opener = compression
    try:
        with opener(io.BytesIO(data)) as stream:
            inner = stream.read(MAX_BYTES + 1)
    except (OSError, EOFError, lzma.LZMAError) as error:
        return _path_rejection(path, f"file is {name}-compressed but cannot be decompressed: {error}")
    if len(inner) > MAX_BYTES:
        return _path_rejection(path, f"file decompresses to more than the {_size_label(MAX_BYTES)} limit")
    if not inner:
        return _path_rejection(path, "file is empty")
    return inner


def decode(data: bytes) -> str | None:
    """Decode file bytes: a byte order mark's encoding, else UTF-8, else a confident detection.

    Returns None for binary data (NUL bytes without a UTF-16/32 mark) and for bytes no encoding
    explains. A leading byte order mark is dropped; nothing else is changed.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # charset_normalizer returns no match when every candidate decodes to gibberish ("chaos").
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # Short texts often fit several code pages equally well (cp1250 and cp1252 read "près" as
    # "prčs" and "près" with the same score). Break such ties towards Windows-1252, the web's
    # default for unlabelled legacy text and the usual encoding of Western news copy.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if any(_FALLBACK_ENCODING in m.could_be_from_charset for m in tied):
        return data.decode(_FALLBACK_ENCODING).removeprefix("\ufeff")
    return str(best).removeprefix("\ufeff")


def _read_plain(path: Path, text: str) -> Article | Rejection:
    """A .txt/.md article: front matter fields first, then the leading date and title lines."""
    meta: dict = {}
    body = text
    front = _FRONT_MATTER.match(text)
    if front:
        try:
            loaded = yaml.load(front["yaml"], Loader=_YAML_LOADER)
        except yaml.YAMLError as error:
            # The mark counts from the line after the opening "---"; +2 gives the file's own line number.
            mark = getattr(error, "problem_mark", None)
            record = {"path": str(path)} | ({"line": mark.line + 2} if mark else {})
            problem = getattr(error, "problem", None) or "cannot be parsed"
            return Rejection(str(path), "ingest", f"front matter is not valid YAML: {problem}", record)
        # A "---" block that is not a mapping is a Markdown rule, not front matter: keep it as text.
        if isinstance(loaded, dict) or loaded is None:
            meta = loaded or {}
            problem = _field_problem(meta, _FRONT_MATTER_FIELDS)
            if problem is not None:
                return _path_rejection(path, f"front matter {problem}")
            body = text[front.end():]
            if not body.strip():
                return _path_rejection(path, "file has front matter but no text after it")
    return _article(str(path), body, meta.get("title"), parse_date(meta.get("published")),
                    meta.get("publisher"), meta.get("url"))


def _article(source: str, body: str, title: object, published: date | None, publisher: object,
             url: object) -> Article:
    """An Article whose metadata the source gave, the fields it left out read from the text's header
    (flows/header.py: a date line, a title line, a wire dateline's agency)."""
    title, publisher, url = _text_or_none(title), _text_or_none(publisher), _text_or_none(url)
    if title is None or published is None or publisher is None:
        header = read_header(body)
        title, published, publisher = title or header.title, published or header.published, \
            publisher or header.publisher
    return Article(source=source, body=body, title=title, published=published, publisher=publisher, url=url)


def _read_jsonl(path: Path, text: str) -> Iterator[Article | Rejection]:
    """One Article per JSON line with text; a Rejection for each line that is not one."""
    # Split on "\n" only: str.splitlines() would also split on U+2028 inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record = {"path": str(path), "line": number}
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            reason = f"line {number} is not valid JSON: {error.msg} (column {error.colno})"
            yield Rejection(f"{path}#{number}", "ingest", reason, record)
            continue
        if not isinstance(row, dict):
            yield Rejection(f"{path}#{number}", "ingest", f"line {number} is not a JSON object", record)
            continue
        fields = _jsonl_fields(row)
        problem = _field_problem(fields, _JSONL_ALIAS_FIELDS)
        raw_id = row.get("id")
        record_id = (_text_or_none(raw_id) if _field_problem({"id": raw_id}) is None else None) or str(number)
        source = f"{path}#{record_id}"
        body = fields.get("text")
        if problem is None and (not isinstance(body, str) or not body.strip()):
            problem = _no_text_problem(row)
        if problem is not None:
            record["id"] = record_id
            yield Rejection(source, "ingest", f"line {number} {problem}", record)
            continue
        yield _article(source, body, fields.get("title"), parse_date(fields.get("published")),
                       fields.get("publisher"), fields.get("url"))


# Scrapers name the fields their own way (news-please's "maintext" and "date_publish", newspaper's
# "publish_date", schema.org's "headline" and "datePublished", NewsAPI's "publishedAt"): each field is
# read from the first of its names that a record holds, not null and, for the text, not blank.
JSONL_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "content", "body", "article", "maintext", "article_text", "full_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publishedAt", "datePublished", "date_published",
                  "date_publish", "publish_date", "published_date", "pubDate"),
    "publisher": ("publisher", "sitename", "site_name", "source_name"),
    "url": ("url", "link", "canonical_url"),
}


def _jsonl_fields(row: dict) -> dict[str, object]:
    """The record's fields under their own names, each from the first alias that holds a value; a
    field of the wrong type is kept under the name it came with, so the rejection names it."""
    fields: dict[str, object] = {}
    for field, names in JSONL_ALIASES.items():
        present = [n for n in names if row.get(n) is not None]
        if field == "text":  # a blank "text" next to a full "content": the content is the article
            present = [n for n in present if not isinstance(row[n], str) or row[n].strip()] or present
        if present:
            name = present[0]
            fields[field if name == field or _field_problem({field: row[name]}) is None else name] = row[name]
    return fields


def _no_text_problem(row: dict) -> str:
    names = ", ".join(f"'{n}'" for n in JSONL_ALIASES["text"])
    keys = ", ".join(f"'{k}'" for k in list(row)[:12]) + (", …" if len(row) > 12 else "")
    return f"has no text (none of {names} holds any; the line has {keys or 'no fields'})"


# Types a metadata field may have. Names and titles take numbers too ("id": 17); nothing takes a list or
# a mapping, which could also be a YAML alias bomb: a few hundred bytes that print as gigabytes.
_JSONL_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str, int, float), "title": (str, int, float), "publisher": (str,), "url": (str,),
    "published": (str,), "text": (str,),
}
# ... and under any of their names (a wrong-typed field keeps the name it came with).
_JSONL_ALIAS_FIELDS = {alias: _JSONL_FIELDS[field]
                       for field, aliases in JSONL_ALIASES.items() for alias in aliases}
# YAML types unquoted scalars by itself ("title: 1984" is a number, "title: No" false): any scalar will do.
_YAML_SCALARS = (str, int, float, bool, date)
_FRONT_MATTER_FIELDS: dict[str, tuple[type, ...]] = {
    "title": _YAML_SCALARS, "publisher": _YAML_SCALARS, "url": _YAML_SCALARS, "published": (str, date),
}
_TYPE_NAMES = {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number"}


def _field_problem(row: dict, fields: dict[str, tuple[type, ...]] = _JSONL_FIELDS) -> str | None:
    """Why a record's metadata fields cannot be used as they are, or None."""
    for name, types in fields.items():
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            kind = _TYPE_NAMES.get(type(value), type(value).__name__)
            return f"has a wrong type: '{name}' should be text, not {kind}"
        if isinstance(value, str) and not _is_encodable(value):
            return f"has invalid Unicode in '{name}' (an unpaired surrogate escape such as \\ud800)"
    return None


def _is_encodable(text: str) -> bool:
    # JSON may escape half of a surrogate pair ("\ud800"): Python accepts it, UTF-8 (and DuckDB) cannot.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Embedded documents and fallbacks are not the article: an iframe's inner markup and a noscript's
# "enable JavaScript" would otherwise come out as text. trafilatura drops scripts and styles itself.
_EMBEDDED = ["//iframe", "//frame", "//noscript", "//object", "//embed", "//template"]


# The published date from the page's metadata (JSON-LD datePublished, article:published_time, <time
# datetime>, a date in the URL or a byline), the original rather than an update's. Not htmldate's
# "extensive search" of the text, which takes "© 2024" for 1 January 2024 and a date the story mentions
# for the day it was published; a page without one gets its date from its text's header, if any.
_HTML_DATES = {"original_date": True, "extensive_search": False}


def _read_html(path: Path, html: str) -> Article | Rejection:
    """The page's main text and metadata by trafilatura, from the markup alone (no fetching)."""
    # Imported here so runs without HTML do not pay for loading trafilatura and lxml.
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, prune_xpath=_EMBEDDED,
                                               date_extraction_params=_HTML_DATES)
    except Exception as error:  # a third-party parser: any failure is this file's problem, not the run's
        return _path_rejection(path, f"HTML could not be parsed: {error}")
    body = document.text if document is not None else None
    if not body or not body.strip():
        return _path_rejection(path, "HTML page has no main text")
    return _article(str(path), body, document.title, parse_date(document.date), document.sitename,
                    document.url)


def _text_or_none(value: object) -> str | None:
    """Metadata as a stripped string; None for missing or blank values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _format_suffix(path: Path) -> str:
    """The suffix that names the format, lower-cased: ".jsonl" for "feed.JSONL.gz"."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix in COMPRESSED_SUFFIXES else suffix


def _unsupported_reason(path: Path) -> str:
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    return f"unsupported file type '{path.suffix or '(none)'}' (supported: {supported})"


def _size_label(n_bytes: int) -> str:
    return f"{n_bytes // 2**20} MB" if n_bytes % 2**20 == 0 else f"{n_bytes} bytes"


def _path_rejection(path: str | Path, reason: str) -> Rejection:
    return Rejection(source=str(path), stage="ingest", reason=reason, record={"path": str(path)})
