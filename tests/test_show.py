"""`foiparse show`: renders at any width, and thread text cannot drive the terminal."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from foiparse.cli import main
from conftest import FIXTURES


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("name", ["internal-review.txt", "lettered-nested-items.txt", "no-numbered-questions.txt"])
def test_show_renders_at_any_width(name, width):
    result = CliRunner().invoke(main, ["show", str(FIXTURES / name), "--width", str(width)])
    assert result.exit_code == 0, result.output
    assert "Messages" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= width


def test_escape_sequences_in_a_thread_are_not_sent_to_the_terminal(tmp_path):
    text = (FIXTURES / "answers-only-list.txt").read_text(encoding="utf-8").replace("1. No", "1. No \x1b[2J\x1b]0;pwned\x07 [bold red]markup[/]", 1)
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(tmp_path / "t.txt"), "--width", "120"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[bold red]markup[/]" in result.stdout


def test_show_reports_a_bad_file_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["show", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"foiparse: {tmp_path / 'missing.txt'}: no such file"


def test_a_file_of_several_threads_shows_the_one_asked_for():
    mbox = str(FIXTURES / "email" / "two-requests.mbox")
    first = CliRunner().invoke(main, ["show", mbox, "--width", "100"])
    second = CliRunner().invoke(main, ["show", mbox, "--width", "100", "--thread", "2"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "Library opening hours" in first.stdout and "Parking fines" not in first.stdout
    assert "Parking fines" in second.stdout and "Library opening hours" not in second.stdout
    assert "holds 2 threads; showing thread 1" in first.stderr and second.stderr == "", "the note only where no --thread was given"
    beyond = CliRunner().invoke(main, ["show", mbox, "--thread", "3"])
    assert beyond.exit_code == 2 and "holds 2 threads, so there is no thread 3" in beyond.stderr
