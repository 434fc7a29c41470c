"""Ingest: files in, Article records out, and a Rejection (never a crash) for anything unusable."""
from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import threading
import zipfile
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from flows import ingest
from flows.dates import parse_date
from flows.ingest import expand_paths, iter_articles
from flows.model import Article, Rejection

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_89cffe74bd066433.txt"

LATIN_TEXT = (
    "Selon la préfecture, près de 10 000 personnes ont manifesté à Paris samedi ; les organisateurs "
    "évoquent plus de 50 000 manifestants. Des échauffourées ont éclaté près de la place de la "
    "République, où une dizaine de personnes ont été interpellées.\n"
)


def read(*paths: str | Path) -> list[Article | Rejection]:
    return list(iter_articles(paths))


def only(records: list[Article | Rejection], kind: type) -> list:
    return [r for r in records if isinstance(r, kind)]


def single_article(path: Path) -> Article:
    records = read(path)
    assert len(records) == 1 and isinstance(records[0], Article), records
    return records[0]


def single_rejection(path: str | Path) -> Rejection:
    records = read(path)
    assert len(records) == 1 and isinstance(records[0], Rejection), records
    assert records[0].stage == "ingest"
    return records[0]


# --- .txt and .md -------------------------------------------------------------------------------


def test_front_matter_fills_metadata_and_is_left_out_of_body() -> None:
    article = single_article(FIXTURES / "front_matter.md")
    assert article.title == "Flood displaces thousands in the delta"
    assert article.published == date(2024, 9, 3)
    assert article.publisher == "River Post"
    assert article.url == "https://example.com/flood"
    assert article.body.startswith("More than 12,000 people")
    assert "River Post" not in article.body


def test_leading_date_line_gives_published_and_next_line_gives_title() -> None:
    article = single_article(FIXTURES / "dateline.txt")
    assert article.published == date(2024, 11, 19)
    assert article.title == "Crowd estimates diverge after weekend march"
    # The date and title lines stay in the body: the body is the whole text.
    assert article.body == (FIXTURES / "dateline.txt").read_text(encoding="utf-8")


def test_seed_article_date_and_title_are_recognised() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is absent)")
    article = single_article(SEED)
    assert article.published == date(2024, 11, 19)
    assert article.title == (
        "Everything we know about North Korean troops joining Russia\u2019s invasion of Ukraine"
    )
    assert article.source == str(SEED)


def test_article_opening_with_a_sentence_has_no_date_or_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Officials said 2024 was the worst year.\nAbout 300 homes were lost.\n", encoding="utf-8")
    article = single_article(path)
    assert (article.published, article.title) == (None, None)


def test_body_is_kept_verbatim_except_for_a_byte_order_mark(tmp_path: Path) -> None:
    text = "19 November 2024\r\n\r\nTitle  with  spaces\r\n\tIndented line, trailing blanks   \r\n\r\n\r\nEnd"
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    article = single_article(path)
    assert article.body == text
    assert article.published == date(2024, 11, 19)
    assert article.title == "Title  with  spaces"


def test_front_matter_with_crlf_line_endings_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes(b"---\r\ntitle: Windows file\r\npublished: 2024-01-02\r\n---\r\nBody line.\r\n")
    article = single_article(path)
    assert article.title == "Windows file"
    assert article.published == date(2024, 1, 2)
    assert article.body == "Body line.\r\n"


def test_front_matter_fields_left_out_come_from_the_date_line(tmp_path: Path) -> None:
    path = tmp_path / "partial.md"
    text = "---\npublisher: Wire\n---\n19 November 2024\n\n# Talks resume\n\nText.\n"
    path.write_text(text, encoding="utf-8")
    article = single_article(path)
    assert article.publisher == "Wire"
    assert (article.published, article.title) == (date(2024, 11, 19), "Talks resume")


def test_invalid_front_matter_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\npublished: [2024\n---\nBody.\n", encoding="utf-8")
    rejection = single_rejection(path)
    assert "front matter is not valid YAML" in rejection.reason
    assert rejection.record["path"] == str(path)
    assert rejection.record["line"] >= 3


def test_same_file_read_twice_gives_identical_articles() -> None:
    assert read(FIXTURES) == read(FIXTURES)
    article = single_article(FIXTURES / "dateline.txt")
    assert article.article_id == single_article(FIXTURES / "dateline.txt").article_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday, November 19, 2024", date(2024, 11, 19)),
        ("19 November 2024", date(2024, 11, 19)),
        ("2024-11-19", date(2024, 11, 19)),
        ("2024-11-19T08:30:00Z", date(2024, 11, 19)),
        ("Nov. 19, 2024", date(2024, 11, 19)),
        ("Tue 19th Nov 2024 10.05 GMT", date(2024, 11, 19)),
        ("Sept 3, 2024", date(2024, 9, 3)),
        ("Updated: 3 September 2024", date(2024, 9, 3)),
        ("2024-02-30", None),
        ("11/19/2024", None),  # month or day first? Not guessed.
        ("The war began in 2022", None),
        ("", None),
    ],
)
def test_published_dates_in_common_news_forms_are_parsed_and_invalid_ones_are_none(
    text: str, expected: date | None
) -> None:
    assert parse_date(text) == expected


# --- paths: folders, globs, missing ---------------------------------------------------------------


def write_tree(root: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/a.txt", "z/y.txt", "notes.pdf", ".hidden.txt",
                 ".git/HEAD.txt"]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {name}: 12 people.\n", encoding="utf-8")


def test_folder_is_walked_recursively_in_sorted_order_skipping_other_types(tmp_path: Path) -> None:
    write_tree(tmp_path)
    files, rejections = expand_paths([tmp_path])
    assert rejections == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a.md", "b.txt", "sub/c.txt", "sub/deeper/a.txt", "z/y.txt",
    ]


def test_glob_pattern_selects_matching_files(tmp_path: Path) -> None:
    write_tree(tmp_path)
    files, rejections = expand_paths([str(tmp_path / "**" / "*.txt")])
    assert rejections == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "b.txt", "sub/c.txt", "sub/deeper/a.txt", "z/y.txt",
    ]


def test_glob_matching_nothing_is_rejected_with_the_pattern(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    rejection = single_rejection(pattern)
    assert rejection.source == pattern
    assert "matched no supported files" in rejection.reason


def test_missing_path_is_rejected_naming_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    rejection = single_rejection(missing)
    assert rejection.source == str(missing)
    assert rejection.record == {"path": str(missing)}
    assert rejection.reason == "path does not exist"


def test_explicitly_named_unsupported_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert "unsupported file type '.pdf'" in single_rejection(path).reason


def test_file_named_twice_is_read_once(tmp_path: Path) -> None:
    write_tree(tmp_path)
    files, _ = expand_paths([tmp_path / "b.txt", tmp_path])
    assert [f.name for f in files].count("b.txt") == 1
    assert files[0] == tmp_path / "b.txt"


def test_symlink_loop_in_folder_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text("About 40 people.\n", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    result: list = []
    walker = threading.Thread(target=lambda: result.append(expand_paths([tmp_path])), daemon=True)
    walker.start()
    walker.join(timeout=10)
    assert not walker.is_alive(), "walking a folder with a symlink loop did not finish"
    files, rejections = result[0]
    assert [f.name for f in files] == ["story.txt"]


# --- .jsonl -------------------------------------------------------------------------------------


def test_jsonl_yields_good_lines_and_rejects_bad_ones_by_line() -> None:
    path = FIXTURES / "articles.jsonl"
    records = read(path)
    articles = only(records, Article)
    rejections = only(records, Rejection)

    assert [a.source for a in articles] == [f"{path}#a1", f"{path}#2", f"{path}#5"]
    assert articles[0].title == "Ceasefire talks resume"
    assert articles[0].published == date(2024, 11, 20)
    assert (articles[0].publisher, articles[0].url) == ("Wire", "https://example.com/a1")
    assert articles[0].body == "Nearly 300 prisoners will be exchanged, mediators said."
    assert articles[1].published == date(2024, 11, 21)
    assert articles[2].published is None  # "not a date"

    broken, missing_text = rejections
    assert broken.record == {"path": str(path), "line": 3}
    assert "line 3 is not valid JSON" in broken.reason
    assert missing_text.source == f"{path}#a4"
    assert missing_text.record["line"] == 4
    assert "has no text" in missing_text.reason


def test_jsonl_text_keeps_line_separators_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "seps.jsonl"
    path.write_text('{"id": "x", "text": "First\u2028second\\r\\nthird"}\n', encoding="utf-8")
    assert single_article(path).body == "First\u2028second\r\nthird"


# --- .html --------------------------------------------------------------------------------------


def test_html_main_text_and_metadata_are_extracted_without_boilerplate() -> None:
    article = single_article(FIXTURES / "article.html")
    assert article.title == "Quake death toll rises to more than 2,000"
    assert article.published == date(2024, 11, 19)
    assert article.publisher == "Daily Ledger"
    assert article.url == "https://example.com/world/quake-toll"
    assert "nearly 10,000 people have been left homeless" in article.body
    for boilerplate in ["Subscribe", "cookies", "Most read", "Copyright", "trackPageView", "adSlots"]:
        assert boilerplate not in article.body


def test_html_without_main_text_is_rejected() -> None:
    rejection = single_rejection(FIXTURES / "no_text.html")
    assert rejection.reason == "HTML page has no main text"


# --- bad files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "file is empty"), (b"  \n\t\r\n  ", "file contains only whitespace")],
)
def test_empty_and_whitespace_only_files_are_rejected(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert single_rejection(path).reason == reason


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in single_rejection(path).reason


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encoded_text_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = LATIN_TEXT + ("The minister spoke of \u201cnearly 10,000\u201d people \u2013 or more.\n"
                         if encoding == "cp1252" else "")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert single_article(path).body == text


def test_utf16_text_with_byte_order_mark_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("About 5,000 people fled.\r\n".encode("utf-16"))
    assert single_article(path).body == "About 5,000 people fled.\r\n"


def test_undecodable_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    assert "encoding could not be detected" in single_rejection(path).reason


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("About 10 people.\n", encoding="utf-8")

    # Simulated, because tests may run as root, who can read a chmod 000 file.
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert single_rejection(path).reason == "file cannot be read: permission denied"


def test_file_over_the_size_limit_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ingest._size_label(ingest.MAX_BYTES) == "50 MB"  # the default limit, as the reason states it
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("12 people. " * 20, encoding="utf-8")
    assert "file is larger than the 100 bytes limit" in single_rejection(path).reason


def test_bad_files_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c_good.txt").write_text("About 70 people.\n", encoding="utf-8")
    records = read(tmp_path, tmp_path / "missing.txt")
    assert [type(r).__name__ for r in records] == ["Rejection", "Rejection", "Rejection", "Article"]
    assert only(records, Article)[0].source == str(tmp_path / "c_good.txt")


# --- hostile input --------------------------------------------------------------------------------


def test_html_scripts_iframes_and_noscript_leave_no_text_in_the_body(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Storm</title><script>var tracker = 'SCRIPT_TEXT';</script></head><body>"
        "<article><p>About 5,000 people were evacuated from the coastal town on Monday, officials said.</p>"
        "<script>document.write('INLINE_SCRIPT')</script><iframe srcdoc='<p>IFRAME_DOC</p>'>"
        "<p>IFRAME_FALLBACK</p></iframe><noscript>NOSCRIPT_TEXT</noscript><style>.ad{color:red}</style>"
        "<p>Another 300 homes were damaged by the storm surge, the regional governor told reporters.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    body = single_article(path).body
    assert "About 5,000 people" in body and "Another 300 homes" in body
    for embedded in ["SCRIPT_TEXT", "INLINE_SCRIPT", "IFRAME", "NOSCRIPT_TEXT", "color:red", "<p>"]:
        assert embedded not in body


@pytest.mark.parametrize("module", [gzip, bz2, lzma])
def test_compressed_file_is_read_like_the_file_inside(tmp_path: Path, module: ModuleType) -> None:
    suffix = {gzip: ".gz", bz2: ".bz2", lzma: ".xz"}[module]
    lines = '{"id": "a1", "text": "About 5,000 people fled."}\n{"id": "a2", "text": "12 died."}\n'
    path = tmp_path / f"feed.jsonl{suffix}"
    path.write_bytes(module.compress(lines.encode("utf-8")))
    files, _ = expand_paths([tmp_path])
    assert files == [path], "found in a folder by the name inside"
    articles = read(path)
    assert [(a.source, a.body) for a in articles] == [
        (f"{path}#a1", "About 5,000 people fled."), (f"{path}#a2", "12 died."),
    ]


def test_compressed_file_over_the_size_limit_once_decompressed_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 1000)
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"12 people. " * 10_000))  # about 60 bytes, 110 kB inside
    assert path.stat().st_size < 1000
    assert "decompresses to more than the 1000 bytes limit" in single_rejection(path).reason


def test_corrupt_compressed_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(b"About 5,000 people fled. " * 50)[:40])
    assert "gzip-compressed but cannot be decompressed" in single_rejection(path).reason


def test_zip_archive_is_rejected_asking_to_unpack_it(tmp_path: Path) -> None:
    path = tmp_path / "bundle.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "About 5,000 people fled.")
    assert "ZIP archive" in single_rejection(path).reason
    named = tmp_path / "bundle.zip"
    path.rename(named)
    assert "unsupported file type '.zip'" in single_rejection(named).reason


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"text": 12}, "'text' should be text, not a number"),
        ({"text": ["About 5 people."]}, "'text' should be text, not a list"),
        ({"text": "About 5 people.", "title": {"main": "Floods"}}, "'title' should be text, not an object"),
        ({"text": "About 5 people.", "published": 20240101}, "'published' should be text, not a number"),
        ({"text": "About 5 people.", "url": True}, "'url' should be text, not true/false"),
        ({"title": "No text field"}, "has no text"),
        ({"text": "About 5 people.", "id": ["x"]}, "'id' should be text, not a list"),
    ],
)
def test_jsonl_line_with_a_wrong_type_or_no_text_is_rejected_naming_the_field(
    tmp_path: Path, fields: dict, reason: str
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(fields) + "\n" + json.dumps({"text": "Good line: 7 people."}) + "\n")
    rejection, article = read(path)
    assert isinstance(rejection, Rejection) and reason in rejection.reason
    assert rejection.reason.startswith("line 1 ") and rejection.record["line"] == 1
    assert isinstance(article, Article) and article.source == f"{path}#2"


def test_jsonl_text_with_an_unpaired_surrogate_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "x", "text": "About 5 people \\ud800 fled."}\n', encoding="utf-8")
    rejection = single_rejection(path)
    assert "invalid Unicode in 'text'" in rejection.reason
    assert rejection.source == f"{path}#x"


def test_symlink_loop_named_or_matched_is_rejected(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    assert single_rejection(loop).reason == "path is a symbolic link loop"
    assert single_rejection(str(tmp_path / "*.txt")).reason == "path is a symbolic link loop"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads a chmod 000 file anyway (the simulated case above covers the reason)")
def test_chmod_000_file_and_folder_are_rejected(tmp_path: Path) -> None:
    locked_file = tmp_path / "locked.txt"
    locked_file.write_text("About 10 people.\n", encoding="utf-8")
    locked_folder = tmp_path / "private"
    locked_folder.mkdir()
    locked_file.chmod(0)
    locked_folder.chmod(0)
    try:
        reasons = {r.source: r.reason for r in only(read(tmp_path), Rejection)}
    finally:
        locked_file.chmod(0o600)
        locked_folder.chmod(0o700)
    assert reasons == {
        str(locked_file): "file cannot be read: permission denied",
        str(locked_folder): "folder cannot be read: Permission denied",
    }


def test_front_matter_field_that_is_not_a_scalar_is_rejected(tmp_path: Path) -> None:
    # Also the shape of a YAML alias bomb: a list of lists of aliases that prints as gigabytes.
    path = tmp_path / "bomb.md"
    aliases = "\n".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9))
    path.write_text(f"---\nl0: &l0 [lol, lol]\n{aliases}\ntitle: *l8\n---\nAbout 5 people.\n")
    reason = single_rejection(path).reason
    assert reason == "front matter has a wrong type: 'title' should be text, not a list"
