"""The command line, through Click's runner and through a real subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from foiparse import __version__
from foiparse.cli import main
from foiparse.table import LONG_COLUMNS
from conftest import FIXTURES

EXAMPLE = FIXTURES / "example-council-tax-discounts.txt"


@pytest.fixture
def runner():
    return CliRunner()


def run(*args, stdin=None):
    """foiparse as a user runs it: a real process, real pipes."""
    return subprocess.run([sys.executable, "-m", "foiparse", *map(str, args)], input=stdin, capture_output=True, timeout=120)


def test_one_file_prints_one_json_object(runner):
    result = runner.invoke(main, [str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "foiparse/1"
    assert data["source"]["path"] == str(EXAMPLE)
    assert data["questions"] and data["questions"][0]["number"] == "1"


def test_piped_output_is_one_line_and_indent_is_a_choice(runner):
    compact = runner.invoke(main, [str(EXAMPLE)]).stdout
    assert compact.count("\n") == 1
    indented = runner.invoke(main, [str(EXAMPLE), "--indent", "2"]).stdout
    assert indented.count("\n") > 50
    assert json.loads(indented) == json.loads(compact)


def test_stdin_dash(runner):
    result = runner.invoke(main, ["-"], input=EXAMPLE.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["path"] == "-"


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"foiparse {__version__}"


def test_help_shows_examples(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "jq '.questions[] | {number, answer}'" in result.stdout


@pytest.mark.parametrize("args", [["--no-such-option", "x.txt"], ["parse"], ["x.txt", "--jobs", "0"], ["x.txt", "--skip-existing"]])
def test_usage_errors_exit_2(runner, args):
    assert runner.invoke(main, args).exit_code == 2


def test_bad_inputs_one_line_each_exit_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "blank.txt").write_bytes(b"   \n\n\t\n")
    for name in ("empty.txt", "binary.txt", "blank.txt", "missing.txt"):
        result = run(tmp_path / name)
        assert result.returncode == 1
        err = result.stderr.decode()
        assert err.count("\n") == 1 and err.startswith(f"foiparse: {tmp_path / name}: "), err
        assert b"Traceback" not in result.stderr and result.stdout == b""


def test_a_folder_streams_json_lines_and_reports_the_bad_file(tmp_path):
    for source in sorted(FIXTURES.glob("*.txt"))[:3]:
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "zz-broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / ".hidden.txt").write_text("ignored")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    result = run(tmp_path, "--jobs", "1")
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(tmp_path / p.name) for p in sorted(FIXTURES.glob("*.txt"))[:3]]
    assert result.stderr.decode() == f"foiparse: {tmp_path / 'zz-broken.txt'}: binary file, not text\n"


def test_jobs_do_not_change_the_output(tmp_path):
    one = run(FIXTURES, "--glob", "*.txt", "--jobs", "1").stdout
    two = run(FIXTURES, "--glob", "*.txt", "--jobs", "2").stdout
    assert one == two and one.count(b"\n") == len(list(FIXTURES.rglob("*.txt")))


def test_output_dir_matches_the_stream(tmp_path):
    out = tmp_path / "out"
    result = run(FIXTURES, "--glob", "*.txt", "--output-dir", out, "--jobs", "2")
    assert result.returncode == 0 and result.stdout == b""
    stream = {json.loads(line)["source"]["path"]: json.loads(line) for line in run(FIXTURES, "--glob", "*.txt").stdout.splitlines()}
    for path, data in stream.items():
        assert json.loads((out / (os.path.relpath(path, FIXTURES) + ".json")).read_text()) == data
    (out / "answers-only-list.txt.json").unlink()
    again = run(FIXTURES, "--glob", "*.txt", "--output-dir", out, "--skip-existing")
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert again.returncode == 0 and written == sorted(os.path.relpath(p, FIXTURES) + ".json" for p in stream)
    assert (out / "answers-only-list.txt.json").stat().st_mode & 0o044, "readable by others, as any file the user writes"


def test_output_dir_keeps_inputs_with_the_same_name_apart(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "thread.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "thread.txt").write_bytes(EXAMPLE.read_bytes())
    result = run(tmp_path / "in", tmp_path / "top" / "thread.txt", "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.json")) == ["a/thread.txt.json", "b/thread.txt.json", "thread.txt.json"]


def test_output_dir_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    result = run(EXAMPLE, "--output-dir", tmp_path / "afile" / "sub")
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_no_progress_or_colour_when_not_a_terminal():
    result = run(FIXTURES, "--glob", "*.txt")
    assert result.stderr == b""
    assert b"\x1b[" not in result.stdout


def _run_with_terminal_stderr(*args: str) -> tuple[int, bytes, bytes]:
    """Standard error a terminal, standard output a pipe: (exit code, stdout, what the terminal got)."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "foiparse", *args], stdout=subprocess.PIPE, stderr=follower, env={**os.environ, "NO_COLOR": "1"})
    os.close(follower)
    out, _ = process.communicate(timeout=120)
    terminal = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(leader)
    return process.returncode, out, terminal


def test_progress_on_a_terminal_never_takes_the_data():
    """The bar shows on the terminal, every thread on stdout."""
    returncode, out, terminal = _run_with_terminal_stderr(str(FIXTURES), "--glob", "*.txt", "--jobs", "1")
    assert returncode == 0
    assert out.count(b"\n") == len(list(FIXTURES.rglob("*.txt")))
    assert b'"schema"' not in terminal
    assert b"parsed, 0 failed" in terminal
    assert b"\x1b[3" not in terminal, "NO_COLOR: no colour codes"


def test_table_shows_progress_and_a_summary_on_a_terminal_and_only_rows_on_stdout():
    returncode, out, terminal = _run_with_terminal_stderr("table", str(FIXTURES), "--glob", "*.txt", "--jobs", "1")
    assert returncode == 0 and out.startswith(b"path,")
    assert b"parsing" in terminal and f"{len(list(FIXTURES.rglob('*.txt')))} parsed, 0 failed".encode() in terminal
    assert b"path," not in terminal


def test_ctrl_c_stops_cleanly_and_keeps_whole_lines(tmp_path):
    import signal
    import time

    data = EXAMPLE.read_bytes()
    for k in range(4000):
        (tmp_path / f"t{k:04}.txt").write_bytes(data)
    process = subprocess.Popen([sys.executable, "-m", "foiparse", str(tmp_path), "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run finished before the interrupt")
    assert process.returncode == 130
    assert err.decode().strip().splitlines()[-1] == "foiparse: interrupted"
    assert b"Traceback" not in err
    for line in out.splitlines():
        json.loads(line)


def test_errors_as_json_objects_on_stderr(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(tmp_path / "empty.txt", FIXTURES / "not-there.txt", "--errors", "json")
    assert result.returncode == 1 and result.stdout == b""
    reports = [json.loads(line) for line in result.stderr.decode().splitlines()]
    assert reports == [{"path": str(tmp_path / "empty.txt"), "error": "empty file"}, {"path": str(FIXTURES / "not-there.txt"), "error": "no such file"}]


def test_no_arguments_is_a_usage_error():
    result = run()
    assert result.returncode == 2 and b"Usage" in result.stderr + result.stdout


def test_a_closed_pipe_is_quiet():
    process = subprocess.Popen([sys.executable, "-m", "foiparse", str(FIXTURES), "--glob", "*.txt", "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["thread"], ["table", "thread"], ["report", "thread", "-o", "-"], ["schema"], ["--version"], ["table", "--help"]])
def test_output_that_cannot_be_written_is_one_line(command):
    """A full disk: /dev/full accepts the open and fails every write."""
    args = [str(FIXTURES / "example-council-tax-discounts.txt") if part == "thread" else part for part in command]
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "foiparse", *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode() == "foiparse: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("command", [["--version"], ["thread"], ["table", "thread"]])
def test_a_closed_standard_output_is_one_line(command):
    args = " ".join(str(FIXTURES / "example-council-tax-discounts.txt") if part == "thread" else part for part in command)
    result = subprocess.run(["sh", "-c", f'exec "{sys.executable}" -m foiparse {args} >&-'], capture_output=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode() == "foiparse: cannot write the output: standard output is closed\n"


def test_an_empty_folder_is_reported_not_silently_passed(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "scan.png").write_bytes(b"\x89PNG")
    for command in ([], ["table"]):
        result = run(*command, tmp_path / "empty", tmp_path / "pictures")
        header = ",".join(LONG_COLUMNS).encode() + b"\n"
        assert result.returncode == 1 and result.stdout in (b"", header)
        assert result.stderr.decode().count("no thread files in this folder") == 2


def test_a_mistyped_command_is_a_usage_error_with_a_suggestion():
    result = run("tabel", EXAMPLE)
    assert result.returncode == 2 and b"Did you mean 'table'?" in result.stderr and result.stdout == b""


def test_version_imports_nothing_heavy():
    """Lazy imports keep `foiparse --version` quick: no parser, no Rich, no HTML parser, no holiday tables."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "foiparse", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    heavy = {name for name in imported if name.split(".")[0] in ("rich", "bs4", "holidays") or name in ("foiparse.pipeline", "foiparse.split")}
    assert not heavy, heavy


def test_the_cli_default_size_limit_is_the_readers():
    from foiparse import cli, read

    assert cli.DEFAULT_MAX_SIZE == read.DEFAULT_MAX_SIZE
