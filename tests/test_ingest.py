"""Reading files, folders and JSON(L) into Documents; every bad input becomes a located problem."""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest

from wirewatch.ingest import IngestProblem, decode_bytes, read_inputs, read_path
from wirewatch.model import Document

TEXT = "Iraqi officials said on Monday that the strikes killed at least 25 fighters near Al-Qaim."


def docs_and_problems(paths: list[Path], max_bytes: int = 20 * 1024 * 1024):
    items = list(read_inputs(paths, max_bytes))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, IngestProblem)]
    return docs, problems


def only_problem(paths: list[Path], max_bytes: int = 20 * 1024 * 1024) -> IngestProblem:
    docs, problems = docs_and_problems(paths, max_bytes)
    assert docs == []
    assert len(problems) == 1
    return problems[0]


# ---- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("a.md", "markdown"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("A.TXT", "text"),
    ],
)
def test_text_like_files_become_one_document(write_file, name, fmt):
    path = write_file(name, TEXT)
    docs, problems = docs_and_problems([path])
    assert problems == []
    assert [(d.id, d.raw_format, d.raw_text) for d in docs] == [(Path(name).stem, fmt, TEXT)]


def test_text_file_keeps_source_path(write_file):
    path = write_file("story.txt", TEXT)
    (doc,) = docs_and_problems([path])[0]
    assert doc.source_path == str(path)


def test_json_file_is_one_document_with_metadata(write_file):
    record = {
        "id": "x1",
        "text": TEXT,
        "url": "https://www.example.com/a",
        "title": "T",
        "published": "2020-01-05",
        "language": "en",
        "outlet": "example.com",
    }
    (doc,) = docs_and_problems([write_file("one.json", json.dumps(record))])[0]
    assert (doc.id, doc.raw_text, doc.url, doc.title, doc.published, doc.language, doc.outlet) == (
        "x1",
        TEXT,
        "https://www.example.com/a",
        "T",
        "2020-01-05",
        "en",
        "example.com",
    )


def test_jsonl_gives_one_document_per_line(write_file):
    lines = [json.dumps({"id": f"d{i}", "text": f"{TEXT} ({i})"}) for i in range(3)]
    docs, problems = docs_and_problems([write_file("many.jsonl", "\n".join(lines) + "\n")])
    assert problems == []
    assert [d.id for d in docs] == ["d0", "d1", "d2"]


def test_jsonl_blank_lines_are_skipped(write_file):
    body = (
        json.dumps({"id": "a", "text": TEXT}) + "\n\n   \n" + json.dumps({"id": "b", "text": TEXT})
    )
    docs, problems = docs_and_problems([write_file("gaps.jsonl", body)])
    assert ([d.id for d in docs], problems) == (["a", "b"], [])


def test_jsonl_html_field_is_used_as_html(write_file):
    html = "<html><body><article><p>" + TEXT + "</p></article></body></html>"
    (doc,) = docs_and_problems([write_file("h.jsonl", json.dumps({"id": "h", "html": html}))])[0]
    assert (doc.raw_format, doc.raw_text) == ("html", html)


def test_jsonl_html_wins_over_text(write_file):
    record = {"id": "h", "html": "<p>" + TEXT + "</p>", "text": "plain"}
    (doc,) = docs_and_problems([write_file("h.jsonl", json.dumps(record))])[0]
    assert doc.raw_format == "html"


@pytest.mark.parametrize("published", ["2020-01-05", "2020-01", "2020"])
def test_jsonl_published_accepts_partial_dates(write_file, published):
    record = {"id": "p", "text": TEXT, "published": published}
    (doc,) = docs_and_problems([write_file("p.jsonl", json.dumps(record))])[0]
    assert doc.published == published


def test_jsonl_unknown_fields_give_a_warning(write_file):
    record = {"id": "w", "text": TEXT, "colour": "red"}
    (doc,) = docs_and_problems([write_file("w.jsonl", json.dumps(record))])[0]
    assert any("colour" in w for w in doc.warnings)


def test_folder_is_walked_recursively_in_sorted_order(write_file, tmp_path):
    write_file("b.txt", TEXT)
    write_file("a.txt", TEXT)
    write_file("sub/c.md", TEXT)
    docs, _ = docs_and_problems([tmp_path / "in"])
    assert [d.id for d in docs] == ["a", "b", "c"]


def test_folder_skips_unsupported_and_hidden_files(write_file, tmp_path):
    write_file("a.txt", TEXT)
    write_file("notes.docx", b"PK\x03\x04zip")
    write_file(".hidden.txt", TEXT)
    write_file(".git/config.txt", TEXT)
    docs, problems = docs_and_problems([tmp_path / "in"])
    assert ([d.id for d in docs], problems) == (["a"], [])


# ---- stable ids ----------------------------------------------------------------------------


def test_given_id_is_kept(write_file):
    (doc,) = docs_and_problems([write_file("f.jsonl", json.dumps({"id": 42, "text": TEXT}))])[0]
    assert doc.id == "42"


def test_json_without_id_takes_the_file_name(write_file):
    (doc,) = docs_and_problems([write_file("my-article.json", json.dumps({"text": TEXT}))])[0]
    assert doc.id == "my-article"


def test_jsonl_without_id_takes_a_content_hash(write_file):
    path = write_file(
        "f.jsonl", json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": TEXT + "!"})
    )
    first = [d.id for d in docs_and_problems([path])[0]]
    again = [d.id for d in docs_and_problems([path])[0]]
    assert first == again
    assert len(set(first)) == 2
    assert all(len(i) == 16 for i in first)


def test_content_hash_depends_on_text_and_metadata():
    base = Document(id="a", raw_text=TEXT)
    assert base.content_hash == Document(id="other-id", raw_text=TEXT).content_hash
    assert base.content_hash != Document(id="a", raw_text=TEXT + " ").content_hash
    assert base.content_hash != Document(id="a", raw_text=TEXT, published="2020-01-01").content_hash


# ---- encodings ----------------------------------------------------------------------------

ACCENTED = "Le président français a déclaré à Bagdad: « l’Irak décide » — Müller über Straße."


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16", b""),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32", b""),
        ("cp1252", b""),
    ],
)
def test_encodings_are_decoded(write_file, encoding, prefix):
    # Python's "utf-16"/"utf-32" write a byte-order mark themselves.
    path = write_file("enc.txt", prefix + ACCENTED.encode(encoding))
    (doc,) = docs_and_problems([path])[0]
    assert doc.raw_text == ACCENTED


def test_latin1_is_decoded(write_file):
    text = "Bundesaußenminister über die Lage in Bagdad; Ä Ö Ü ß é ñ"
    (doc,) = docs_and_problems([write_file("l1.txt", text.encode("latin-1"))])[0]
    assert doc.raw_text == text


def test_invalid_utf8_falls_back_without_failing(write_file):
    data = b"Bagdad " + b"\xe9t\xe9 " + b"\x81" + b" fin."
    (doc,) = docs_and_problems([write_file("bad.txt", data)])[0]
    assert doc.raw_text.startswith("Bagdad été")


def test_utf16_without_bom_is_rejected_clearly():
    with pytest.raises(Exception, match="NUL bytes"):
        decode_bytes(ACCENTED.encode("utf-16-le"), "x.txt")


# ---- bad input ----------------------------------------------------------------------------


def test_empty_file(write_file):
    problem = only_problem([write_file("empty.txt", b"")])
    assert (problem.code, problem.message) == ("E003", "empty file")


def test_whitespace_only_file(write_file):
    assert only_problem([write_file("ws.txt", "  \n\t\n")]).code == "E003"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"PK\x03\x04\x14\x00",
    ],
    ids=["pdf", "png", "jpeg", "zip"],
)
def test_binary_magic_is_rejected(write_file, data):
    assert only_problem([write_file("looks-like-text.txt", data + b"x" * 100)]).code == "E004"


@pytest.mark.parametrize("allow_nul", [True, False], ids=["with-nul", "no-nul"])
def test_random_bytes_are_rejected(write_file, allow_nul):
    rng = random.Random(7)
    low = 0 if allow_nul else 1
    data = bytes(rng.randrange(low, 256) for _ in range(5000))
    assert only_problem([write_file("noise.txt", data)]).code == "E004"


def test_malformed_jsonl_line_is_reported_and_others_kept(write_file):
    body = "\n".join(
        [json.dumps({"id": "a", "text": TEXT}), "{not json", json.dumps({"id": "c", "text": TEXT})]
    )
    path = write_file("mixed.jsonl", body)
    docs, problems = docs_and_problems([path])
    assert [d.id for d in docs] == ["a", "c"]
    assert [(p.path, p.line, p.code) for p in problems] == [(str(path), 2, "E005")]


@pytest.mark.parametrize(
    "record",
    [{"id": "x"}, {"id": "x", "text": ""}, {"id": "x", "text": "   "}, {"id": "x", "text": 3}],
    ids=["missing", "empty", "blank", "not-a-string"],
)
def test_json_record_without_text(write_file, record):
    problem = only_problem([write_file("x.json", json.dumps(record))])
    assert problem.code == "E003"
    assert "text" in problem.message


def test_jsonl_record_without_text_names_its_line(write_file):
    body = json.dumps({"id": "a", "text": TEXT}) + "\n" + json.dumps({"id": "b"})
    _, problems = docs_and_problems([write_file("x.jsonl", body)])
    assert [(p.line, p.code) for p in problems] == [(2, "E003")]


def test_jsonl_line_that_is_not_an_object(write_file):
    _, problems = docs_and_problems([write_file("x.jsonl", '["a", "b"]')])
    assert [(p.line, p.code) for p in problems] == [(1, "E005")]


def test_invalid_published_is_rejected(write_file):
    body = json.dumps({"id": "a", "text": TEXT, "published": "Jan 5th"})
    _, problems = docs_and_problems([write_file("x.jsonl", body)])
    assert [(p.line, p.code) for p in problems] == [(1, "E005")]


def test_invalid_json_document_names_its_line(write_file):
    problem = only_problem([write_file("x.json", '{\n  "id": "a",\n  "text": \n}')])
    assert (problem.code, problem.line) == ("E005", 4)


def test_jsonl_with_no_records(write_file):
    assert only_problem([write_file("x.jsonl", "\n\n")]).code == "E003"


def test_file_over_the_size_cap(write_file):
    problem = only_problem([write_file("big.txt", TEXT * 10)], max_bytes=100)
    assert problem.code == "E002"
    assert "cap" in problem.message


def test_file_at_the_size_cap_is_accepted(write_file):
    path = write_file("edge.txt", "x" * 100)
    docs, _ = docs_and_problems([path], max_bytes=100)
    assert len(docs) == 1


def test_nonexistent_path(tmp_path):
    problem = only_problem([tmp_path / "nope"])
    assert (problem.code, problem.path) == ("E007", str(tmp_path / "nope"))


def test_unsupported_file_given_explicitly(write_file):
    problem = only_problem([write_file("doc.pdf", b"%PDF-1.4")])
    assert problem.code == "E001"
    assert ".pdf" in problem.message


def test_bad_file_does_not_stop_the_batch(write_file, tmp_path):
    write_file("a.txt", TEXT)
    write_file("b.txt", b"")
    write_file("c.txt", b"%PDF-1.4 junk")
    write_file("d.txt", TEXT)
    docs, problems = docs_and_problems([tmp_path / "in", tmp_path / "missing"])
    assert [d.id for d in docs] == ["a", "d"]
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.txt", b""), ("bin.txt", b"%PDF-1.5"), ("x.jsonl", b'{"id": 1}\n{bad')],
)
def test_problem_is_one_line_naming_the_file(write_file, name, content):
    path = write_file(name, content)
    for problem in read_path(path):
        assert isinstance(problem, IngestProblem)
        text = str(problem)
        assert "\n" not in text
        assert text.startswith(str(path))
        assert f"[{problem.code}]" in text


def test_problem_string_includes_the_line_number():
    assert (
        str(IngestProblem("f.jsonl", 7, "E005", "invalid JSON")) == "f.jsonl:7: [E005] invalid JSON"
    )
