"""Hostile input: strange files, encodings and patterns. Each gives a thread or one clear line, never a traceback or a hang."""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time

import pytest

import foiparse
from conftest import FIXTURES

EXAMPLE = (FIXTURES / "example-council-tax-discounts.txt").read_text(encoding="utf-8")


def run(*args, stdin=None, timeout=60, cwd=None):
    return subprocess.run([sys.executable, "-m", "foiparse", *map(str, args)], input=stdin, capture_output=True, timeout=timeout, cwd=cwd)


def one_error_line(result, path) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert err.count("\n") == 1 and err.startswith(f"foiparse: {path}: "), err
    return err


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", EXAMPLE.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + EXAMPLE.encode("utf-8")),
    ("utf-16", EXAMPLE.encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""])),
    ("utf-16", codecs.BOM_UTF16_BE + EXAMPLE.encode("utf-16-be")),
    ("cp1252", EXAMPLE.replace("£", "£").encode("cp1252", "replace") + "\n“smart quotes” cost £5\n".encode("cp1252")),
])
def test_encodings_are_read_and_reported(encoding, data):
    thread = foiparse.parse_bytes(data)
    assert thread.source.encoding == encoding
    assert [q.number for q in thread.questions] == ["1", "2", "3", "4"]
    if encoding == "cp1252":
        assert "“smart quotes” cost £5" in thread.messages[-1].body()


def test_latin1_bytes_that_cp1252_leaves_undefined():
    thread = foiparse.parse_bytes(EXAMPLE.encode("utf-8").replace("£".encode(), b"\xa3") + b"\n\x81\x8d odd bytes\n")
    assert thread.source.encoding == "latin-1"


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_endings_keep_line_numbers(ending):
    thread = foiparse.parse(EXAMPLE.replace("\n", ending))
    reference = foiparse.parse(EXAMPLE)
    assert thread.to_dict()["messages"] == reference.to_dict()["messages"]


def test_mixed_line_endings():
    lines = EXAMPLE.split("\n")
    # A lone CR before an empty line would read as CRLF: use it only before a line with text.
    endings = [("\r\n", "\r", "\n")[k % 3] if k + 1 < len(lines) and lines[k + 1] else "\n" for k in range(len(lines))]
    mixed = "".join(line + end for line, end in zip(lines, endings))
    assert [q.answer for q in foiparse.parse(mixed).questions] == [q.answer for q in foiparse.parse(EXAMPLE).questions]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "no text (only white space)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file, not text"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 8, "binary file, not text"),
])
def test_not_text(tmp_path, data, reason):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    assert one_error_line(run(path), path).rstrip("\n").endswith(reason)


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "secret.txt"
    path.write_text(EXAMPLE)
    path.chmod(0)
    one_error_line(run(path), path)


def test_a_folder_named_like_a_file_is_walked(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    (folder / "a.txt").write_text(EXAMPLE, encoding="utf-8")
    result = run(folder)
    assert result.returncode == 0 and json.loads(result.stdout)["source"]["path"] == str(folder / "a.txt")


def test_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    err = one_error_line(run(fifo, timeout=20), fifo)
    assert "not a regular file" in err


def test_a_symlink_loop(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    one_error_line(run(tmp_path / "a"), tmp_path / "a")


def test_a_file_over_max_size(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(EXAMPLE * 10, encoding="utf-8")
    err = one_error_line(run(path, "--max-size", "1000"), path)
    assert "--max-size" in err


def test_names_with_spaces_and_undecodable_bytes(tmp_path):
    spaced = tmp_path / "a thread (1).txt"
    spaced.write_text(EXAMPLE, encoding="utf-8")
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(EXAMPLE.encode())
    result = run(tmp_path, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    paths = [json.loads(line.decode("utf-8"))["source"]["path"] for line in result.stdout.splitlines()]
    assert sorted(paths) == sorted([str(spaced), str(tmp_path) + "/caf\\xe9.txt"])
    assert b"Traceback" not in result.stderr


def test_escape_sequences_in_a_file_name_do_not_reach_the_terminal(tmp_path):
    name = tmp_path / "bad\x1b[31mname.txt"
    result = run(name)
    assert result.returncode == 1
    assert b"\x1b" not in result.stderr and b"\\x1b[31m" in result.stderr


def test_output_dir_never_writes_outside_its_folder(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "..sneaky").mkdir(parents=True)
    (inputs / "..sneaky" / "..evil.txt").write_text(EXAMPLE, encoding="utf-8")
    (inputs / "plain.txt").write_text(EXAMPLE, encoding="utf-8")
    out = tmp_path / "out"
    result = run(inputs / "..sneaky" / "..evil.txt", inputs / "plain.txt", "-", "--output-dir", out, stdin=EXAMPLE.encode())
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == ["evil.txt.json", "plain.txt.json", "stdin.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


ADVERSARIAL = {
    "one character, 5 MB": "a" * 5_000_000,
    "digits, 5 MB": "1" * 5_000_000,
    "100,000 numbered lines": "\n".join(f"{i}. question {i}?" for i in range(1, 100_001)),
    "a 1 MB line": "word " * 200_000,
    "deeply nested quotes": "\n".join(">" * k + " text" for k in range(1, 3000)),
    "50,000 headings": "\n\n".join(f"Name {i}\n2 August 2018" for i in range(50_000)),
    "label bait": "reference " * 200_000,
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_no_pattern_backtracks_catastrophically(name):
    """A generous guard (the benchmark measures speed): several MB parse in seconds, not minutes."""
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    foiparse.parse(text, format="wdtk-text")
    assert time.perf_counter() - started < 30


def test_standard_input_over_max_size_is_reported_as_such():
    result = run("-", "--max-size", "100", stdin=EXAMPLE.encode())
    assert one_error_line(result, "-").rstrip().endswith("bytes)")


def test_permission_denied_is_one_line(monkeypatch, tmp_path):
    """As root every file is readable, so the refusal is simulated where the file is opened."""
    from foiparse.read import InputError, read_file

    path = tmp_path / "secret.txt"
    path.write_text(EXAMPLE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(InputError, match="^permission denied$"):
        read_file(str(path))


@pytest.mark.parametrize("text", [
    "\n" * 40_000 + "x",
    " \n" * 40_000 + "x",
    " " * 40_000 + "x made this Freedom of Information request to y",
    "2 Attachments\n" + "word " * 8_000 + "12K",
    "From: " + " " * 4_000 + "<a@b>\nSent: 1 May 2023\nTo: x\n\nbody",
])
def test_runs_of_space_and_long_lines_parse_quickly_whatever_the_format(text):
    """The formats are detected on the raw text here (no format forced): detection must be linear too."""
    started = time.perf_counter()
    foiparse.parse(text)
    assert time.perf_counter() - started < 5


def test_a_parser_bug_costs_one_input_not_the_batch(monkeypatch, tmp_path):
    from foiparse import cli

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("foiparse.pipeline.parse_input", broken)
    path, ok, reason = cli._parse_one((str(FIXTURES / "not-held.txt"), 10**6, None, None))
    assert not ok and reason == "internal error, please report it: ValueError: boom"


def test_figures_too_long_to_be_numbers_stay_text():
    from foiparse.answer_types import classify_answer

    assert classify_answer("9" * 400 + ".5")[0] == "text"
    assert classify_answer("1" * 5000)[0] == "text"
