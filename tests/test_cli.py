"""The command line, through Click's runner and through a real subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def run(*args, stdin=None, cwd=None):
    """foiparse as a user runs it: a real process, real pipes."""
    return subprocess.run([sys.executable, "-m", "foiparse", *map(str, args)], input=stdin, capture_output=True, timeout=120, cwd=cwd)


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
    (tmp_path / "README.md").write_text("Threads for the FOI 10400 project.\n")
    (tmp_path / "sent.csv").write_text("authority,sent\nAshby,2024-06-03\n")
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


def test_a_later_run_never_overwrites_or_skips_for_another_inputs_output(tmp_path):
    for folder, source in (("a", EXAMPLE), ("b", FIXTURES / "b25-police-vehicle-fleet.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(source.read_bytes())
    out = tmp_path / "out"
    assert run(tmp_path / "a" / "x.txt", "-o", out).returncode == 0
    assert run(tmp_path / "b", "-o", out, "--skip-existing").returncode == 0
    written = {p.name: json.loads(p.read_text())["source"]["path"] for p in out.iterdir()}
    assert written == {"x.txt.json": str(tmp_path / "a" / "x.txt"), "x.txt-2.json": str(tmp_path / "b" / "x.txt")}


def test_an_mbox_is_skipped_only_when_all_its_threads_were_written(tmp_path):
    mbox = FIXTURES / "email" / "two-requests.mbox"
    out = tmp_path / "out"
    assert run(mbox, "-o", out, "--indent", "2").returncode == 0
    first = out / "two-requests.mbox-1.json"
    assert first.read_text().startswith('{\n  "schema"'), "--indent applies to the files written"
    first.unlink()  # as if the run stopped after writing the second part, which is written first
    assert run(mbox, "-o", out, "--skip-existing").returncode == 0 and first.exists()


@pytest.mark.parametrize("args", [
    ["-o", "result.json"], ["--glob", ""], ["--glob", "html/*.html"], ["--compact", "--indent", "2"],
])
def test_options_that_would_silently_do_the_wrong_thing_are_usage_errors(tmp_path, args):
    result = run(EXAMPLE, *args, cwd=tmp_path)
    assert result.returncode == 2 and b"Traceback" not in result.stderr and result.stderr.count(b"Error:") == 1
    assert list(tmp_path.iterdir()) == []


def test_closed_standard_input_is_one_line():
    for command in ([], ["table"], ["show"]):
        result = subprocess.run(["sh", "-c", f'exec "{sys.executable}" -m foiparse {" ".join(command)} - <&-'], capture_output=True, timeout=60)
        assert result.returncode == 1 and result.stderr == b"foiparse: -: standard input is closed\n", command


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
    return process.returncode, out, _read_terminal(leader)


def _read_terminal(leader: int) -> bytes:
    """All a pseudo-terminal showed, until the program on it closed it; the terminal is then closed."""
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
    return terminal


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
    data = EXAMPLE.read_bytes()
    for k in range(4000):
        (tmp_path / f"t{k:04}.txt").write_bytes(data)
    returncode, out, err, _ = _interrupt([str(tmp_path), "--jobs", "2"], [1.0])
    if returncode == 0:
        pytest.skip("the run finished before the interrupt")
    assert returncode == 130
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


def _run_on_a_terminal(*args: str) -> tuple[int, bytes]:
    """Standard output and standard error both the terminal: (exit code, what the terminal got)."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "foiparse", *args], stdout=follower, stderr=follower, env={**os.environ, "NO_COLOR": "1"})
    os.close(follower)
    terminal = _read_terminal(leader)
    return process.wait(timeout=120), terminal


def test_no_progress_bar_over_data_printed_on_the_same_terminal():
    returncode, terminal = _run_on_a_terminal(str(FIXTURES), "--glob", "*.txt", "--jobs", "1")
    assert returncode == 0
    assert b"parsing" not in terminal and b"\x1b[2K" not in terminal, "no bar redraws over the data"
    lines = [line for line in terminal.split(b"\r\n") if line.startswith(b"{")]
    assert len(lines) == len(list(FIXTURES.rglob("*.txt")))
    for line in lines:
        json.loads(line)


def test_a_folder_that_cannot_be_listed_is_a_failure_and_the_rest_still_parse(runner, tmp_path, monkeypatch):
    """As root every folder can be listed, so the refusal is simulated where os.walk lists it."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_bytes(EXAMPLE.read_bytes())
    listing = os.scandir

    def refuse_locked(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    result = runner.invoke(main, [str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == f"foiparse: {tmp_path / 'locked'}: permission denied (a folder: its files were not read)\n"


def test_linked_folders_are_followed_and_each_real_folder_read_once(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_bytes(EXAMPLE.read_bytes())
    top = tmp_path / "top"
    top.mkdir()
    (top / "b.txt").write_bytes(EXAMPLE.read_bytes())
    (top / "link").symlink_to(tmp_path / "real")
    (top / "again").symlink_to(tmp_path / "real")
    (top / "loop").symlink_to(top)
    (top / "up").symlink_to(tmp_path)
    (tmp_path / "beside.txt").write_bytes(EXAMPLE.read_bytes())
    result = run(top, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == [str(top / "again" / "a.txt"), str(top / "b.txt")]


def test_an_unreadable_file_named_is_one_failure_not_a_usage_error(runner, tmp_path, monkeypatch):
    """Click's own readable check would refuse the whole command line; the file is one failure among others."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(EXAMPLE.read_bytes())
    opening = open

    def refuse_secret(path, *args, **kwargs):
        if os.fspath(path) == str(secret):
            raise PermissionError(13, "Permission denied")
        return opening(path, *args, **kwargs)

    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    monkeypatch.setattr("builtins.open", refuse_secret)
    result = runner.invoke(main, [str(secret), str(EXAMPLE), "--jobs", "1"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == f"foiparse: {secret}: permission denied\n"


def test_a_broken_link_says_so(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run(tmp_path / "gone.txt")
    assert result.returncode == 1
    assert result.stderr.decode() == f"foiparse: {tmp_path / 'gone.txt'}: broken symbolic link (to {tmp_path / 'nowhere.txt'})\n"


def test_an_output_folder_that_cannot_be_written_is_a_usage_error_before_any_parsing(runner, tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    result = runner.invoke(main, [str(FIXTURES), "--glob", "*.txt", "--output-dir", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 2
    assert "cannot use" in result.stderr and "Permission denied" in result.stderr
    assert result.stderr.count("\n") <= 4, "one usage error, not one line per input"


def _interrupt(args: list[str], delays: list[float]) -> tuple[int, bytes, bytes, float]:
    """Run foiparse, send Ctrl-C (to the whole process group, as a terminal does) after each delay:
    (exit code, stdout, stderr, seconds from the first Ctrl-C to the exit)."""
    import signal
    import time

    process = subprocess.Popen([sys.executable, "-m", "foiparse", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(delays[0])
    first = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    for delay in delays[1:]:
        time.sleep(delay)
        try:
            os.killpg(process.pid, signal.SIGINT)
        except ProcessLookupError:
            break
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # leave no hung run behind
        process.communicate()
        raise AssertionError("foiparse still running 60 s after Ctrl-C") from None
    return process.returncode, out, err, time.monotonic() - first


def test_a_second_ctrl_c_while_stopping_never_hangs(tmp_path):
    data = EXAMPLE.read_bytes()
    for k in range(4000):
        (tmp_path / f"t{k:04}.txt").write_bytes(data)
    returncode, out, err, _ = _interrupt([str(tmp_path), "--jobs", "2"], [1.0, 0.05, 0.05])
    if returncode == 0:
        pytest.skip("the run finished before the interrupt")
    assert returncode == 130 and b"Traceback" not in err
    assert err.decode().strip().splitlines()[-1] == "foiparse: interrupted"
    for line in out.splitlines():
        json.loads(line)


def test_ctrl_c_does_not_wait_for_slow_files_in_the_workers(tmp_path):
    big = EXAMPLE.read_bytes() * (25_000_000 // len(EXAMPLE.read_bytes()))
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(big)
    returncode, _, err, after = _interrupt([str(tmp_path), "--jobs", "2"], [1.5])
    assert returncode == 130 and b"Traceback" not in err
    assert after < 3.0, f"stopped {after:.1f} s after Ctrl-C: it waited for the workers"


def test_ctrl_c_while_reading_standard_input_is_an_interruption_not_aborted():
    returncode, _, err, _ = _interrupt(["-"], [1.0])
    assert returncode == 130
    assert err.decode() == "foiparse: interrupted\n"


def test_json_errors_beside_the_progress_bar_stay_one_line_each(tmp_path):
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "good.txt").write_bytes(EXAMPLE.read_bytes())
    returncode, _, terminal = _run_with_terminal_stderr(str(folder), "--errors", "json", "--jobs", "1")
    assert returncode == 1
    import re

    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.decode())  # the bar's cursor and colour codes
    reports = [line for line in shown.replace("\r", "\n").split("\n") if line.startswith('{"path"')]
    assert [json.loads(line) for line in reports] == [{"path": str(folder / "empty.txt"), "error": "empty file"}]


def test_the_summary_counts_what_skip_existing_left(tmp_path):
    out = tmp_path / "out"
    assert run(FIXTURES, "--glob", "*.txt", "--output-dir", out, "--jobs", "1").returncode == 0
    (out / "example-council-tax-discounts.txt.json").unlink()
    returncode, _, terminal = _run_with_terminal_stderr(str(FIXTURES), "--glob", "*.txt", "--output-dir", str(out), "--skip-existing", "--jobs", "1")
    assert returncode == 0
    skipped = len(list(FIXTURES.rglob("*.txt"))) - 1
    assert f"foiparse: 1 parsed, 0 failed, {skipped} skipped (already in the output folder)".encode() in terminal


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, codec):
    path = tmp_path / "windows.txt"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode(codec))
    result = run(path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["encoding"] == codec
    assert data["questions"] == json.loads(run(EXAMPLE).stdout)["questions"]


def test_ctrl_c_in_process_leaves_the_callers_interrupt_handler_in_place(runner, monkeypatch):
    """A test or a notebook that runs the command in-process must still be stoppable afterwards."""
    import signal

    from foiparse import pipeline

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "parse_input", interrupt)
    before = signal.getsignal(signal.SIGINT)
    result = runner.invoke(main, [str(EXAMPLE)])
    assert result.exit_code == 130 and result.stderr == "foiparse: interrupted\n"
    assert signal.getsignal(signal.SIGINT) is before


def test_sixteen_bit_numbers_are_binary_not_utf16_text(tmp_path):
    import struct

    path = tmp_path / "quiet.pcm"
    path.write_bytes(b"".join(struct.pack("<H", k % 200 + 1) for k in range(5000)))
    result = run(path)
    assert result.returncode == 1 and result.stderr.decode() == f"foiparse: {path}: binary file, not text\n"


def test_a_killed_worker_fails_the_inputs_left_and_never_hangs(tmp_path):
    import signal
    import time

    big = EXAMPLE.read_bytes() * (20_000_000 // len(EXAMPLE.read_bytes()))
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_bytes(big)
    process = subprocess.Popen([sys.executable, "-m", "foiparse", str(tmp_path), "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 20
    workers: list[str] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = children.read_text().split() if children.exists() else []
    if len(workers) < 2:
        process.kill()
        pytest.skip("no worker processes to be seen in /proc")
    time.sleep(1.0)
    os.kill(int(workers[0]), signal.SIGKILL)
    out, err = process.communicate(timeout=90)
    assert process.returncode == 1 and b"Traceback" not in err
    assert b"a worker process stopped" in err
    assert len(out.splitlines()) + err.count(b"\n") >= 4, "every input is either printed or named as failed"


def test_another_child_process_ending_mid_batch_is_no_lost_worker(runner, tmp_path):
    """Run in-process (a notebook, say) beside a child process of the caller's that ends during the batch."""
    import multiprocessing
    import time

    big = EXAMPLE.read_bytes() * (8_000_000 // len(EXAMPLE.read_bytes()))
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(big)
    other = multiprocessing.get_context("fork").Process(target=time.sleep, args=(0.5,))
    other.start()
    try:
        result = runner.invoke(main, [str(tmp_path), "--jobs", "2", "-q"])
    finally:
        other.join()
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_a_file_named_twice_or_inside_a_folder_named_is_read_once(tmp_path):
    (tmp_path / "x.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "link.txt").symlink_to(tmp_path / "x.txt")
    result = run(tmp_path / "x.txt", tmp_path, tmp_path / "x.txt")
    assert result.returncode == 0 and [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == [str(tmp_path / "x.txt")]
