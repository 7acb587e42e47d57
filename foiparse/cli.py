"""The command line: arguments in, inputs walked, JSON out. No parsing logic lives here.

Data goes to standard output and everything else (errors, progress, the
summary) to standard error, so ``foiparse threads/ | jq`` always sees clean
JSON Lines.
"""
from __future__ import annotations

import errno
import io
import os
import sys

import click

from . import __version__

# The default of --max-size, as read.DEFAULT_MAX_SIZE; written out here because importing read.py (hashlib and
# its patterns) would slow `foiparse --version` by a third. tests/test_cli.py checks the two agree.
DEFAULT_MAX_SIZE = 50 * 1024 * 1024

EXAMPLES = """\b
Examples:
  foiparse thread.txt
  foiparse thread.txt | jq '.questions[] | {number, answer}'
  foiparse threads/ --jobs 2 > threads.jsonl
  cat thread.txt | foiparse -
  foiparse threads/ --output-dir parsed/ --skip-existing
"""


# What --input-format accepts: auto detects the format from the content
INPUT_FORMATS = ["auto", "wdtk-html", "wdtk-text", "eml", "mbox", "email-chain", "text"]


class DefaultCommandGroup(click.Group):
    """A group whose first argument, when it names no command, is a path for ``parse``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            import difflib

            close = difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.75)
            if close and not os.path.exists(args[0]):
                raise click.UsageError(f"No such command {args[0]!r}. Did you mean {close[0]!r}?", ctx)
            args = ["parse", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        """Ctrl-C anywhere (reading standard input, parsing one file) is one line and status 130, not Click's
        "Aborted!"; the batch commands tidy up first (their own handlers) and end the same way. Ctrl-C,
        ignored while a command stops, is handled as before once it has: a program that runs the command
        in-process (a test, a notebook) can still be interrupted afterwards."""
        import signal
        import threading

        in_main_thread = threading.current_thread() is threading.main_thread()
        handler = signal.getsignal(signal.SIGINT)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted()
        finally:
            if in_main_thread and handler is not None:
                signal.signal(signal.SIGINT, handler)

    def main(self, *args, **kwargs):
        """Failing to write standard output (a full disk, a closed pipe) is one line, never a traceback:
        inputs' own read errors are caught per input, so an OSError that reaches here is the output's."""
        if sys.stdout is None:  # started with standard output closed (`foiparse … >&-`)
            sys.stdout = _ClosedOutput()
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                if sys.stdout is not None:  # None when started with standard output closed
                    sys.stdout.flush()  # data still buffered would otherwise fail at exit, outside any handler
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(0)
        except OSError as error:
            _silence_stdout()
            click.echo(f"foiparse: cannot write the output: {error.strerror or error}", err=True)
            sys.exit(1)


def _ignore_interrupts() -> None:
    """From the first Ctrl-C on, further ones are ignored: the workers are being stopped and the output flushed
    (until the command ends: DefaultCommandGroup.invoke puts the handler back)."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _interrupted() -> None:
    """Say so and stop with status 130 (a second Ctrl-C while stopping is ignored, so the exit is never cut short)."""
    _ignore_interrupts()
    click.echo("foiparse: interrupted", err=True)
    sys.exit(130)


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started without one: writing to it is an error to report."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _silence_stdout() -> None:
    """Point standard output at /dev/null so Python's own flush at exit has nothing left to fail on."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real descriptor (a test runner's buffer): nothing is flushed at exit
        pass


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXAMPLES)
@click.version_option(__version__, "--version", prog_name="foiparse", message="%(prog)s %(version)s")
def main() -> None:
    """Turn Freedom of Information request threads into JSON.

    Give it files, folders or - (standard input). One thread prints one JSON
    object; several print JSON Lines, one thread a line, in path order.

    The options for that (--jobs, --output-dir, --glob, --indent …) belong to
    the default command: see `foiparse parse --help`.
    """


def _parse_one(job: tuple[str, int, str | None, bytes | Exception | None]) -> tuple[str, bool, str]:
    """Worker: (path, ok, JSON Lines of its threads or the reason it failed). Runs in a pool process too.

    An input gives one thread, except an mbox, which gives one per request.
    ``data`` carries standard input, read by the parent: a pool process has none.
    """
    from .emit import to_json
    from .pipeline import parse_input
    from .read import InputError, read_file

    path, max_size, fmt, data = job
    try:
        if isinstance(data, Exception):
            raise data
        threads = parse_input(read_file(path, max_size) if data is None else data, path=shown_path(path), format=fmt)
    except InputError as error:
        return path, False, str(error)
    except RecursionError:
        return path, False, "input too deeply nested to parse"
    except MemoryError:
        return path, False, "out of memory while parsing"
    except Exception as error:  # a parser bug must cost one input, never the batch, and never a traceback
        return path, False, f"internal error, please report it: {type(error).__name__}: {error}"
    return path, True, "\n".join(to_json(thread) for thread in threads)


def _inputs(paths: tuple[str, ...], pattern: str | None, error_format: str = "text") -> tuple[list[str], int]:
    """The files to read, and how many folders named held none or could not be read (each reported: an empty
    run is no success)."""
    from .read import expand_paths

    files: list[str] = []
    seen: set[str] = set()  # each file once, however often it is named or reached (a folder and a file in it, a link)
    failed_folders = 0
    for path in paths:
        unreadable: list[tuple[str, str]] = []
        found = expand_paths([path], pattern, unreadable)
        for folder, reason in unreadable:
            failed_folders += 1
            _report_failure(folder, f"{reason} (a folder: its files were not read)", error_format, None)
        if not found and not unreadable and os.path.isdir(path):
            failed_folders += 1
            where = f"no file matching --glob {pattern!r}" if pattern else "no thread files"
            _report_failure(path, f"{where} in this folder (hidden files, images, PDFs, office documents, JSON, CSV, Markdown and code are skipped)", error_format, None)
        for file in found:
            key = file if file == "-" else os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, failed_folders


def _jobs(files: list[str], max_size: int, fmt: str | None) -> list[tuple[str, int, str | None, bytes | Exception | None]]:
    """One job per input; standard input is read here, once, in the parent process."""
    from .read import InputError, read_file

    jobs = []
    for path in files:
        data = None
        if path == "-":
            try:
                data = read_file("-", max_size)
            except InputError as error:
                data = error
        jobs.append((path, max_size, fmt, data))
    return jobs


def _results(jobs: list[tuple[str, int, str | None, bytes | Exception | None]], workers: int):
    """Each job's result in input order: in this process, or from worker processes (workers.py)."""
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            yield _parse_one(job)
        return
    from . import emit, pipeline  # noqa: F401 (loaded before the workers fork, so none imports them again)
    from .workers import run_in_order

    # Chunks of up to 16 files: fewer round trips than one at a time, and the last chunks still share out evenly.
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    yield from run_in_order(_parse_one, jobs, workers, chunk, lost=_lost_in_a_worker)


def _lost_in_a_worker(job: tuple[str, int, str | None, bytes | Exception | None]) -> tuple[str, bool, str]:
    """The result of an input whose worker died before reporting it."""
    return job[0], False, "not parsed: a worker process stopped (killed, or out of memory) during the batch"


def _safe_part(part: str) -> str:
    """One component of an output name: printable, valid UTF-8, never "..", never hidden."""
    part = shown_path(part)
    return "".join(ch if ch.isprintable() and ch not in "/\\\0" else "_" for ch in part).lstrip(".") or "_"


def output_names(given: list[str], files: list[str], folder: str | None = None) -> dict[str, str]:
    """Each input's name inside --output-dir: its path below the folder named on the command line
    (so threads/a/x.txt and threads/b/x.txt stay apart), else its base name; clashes get -2, -3.

    A name whose file an earlier run wrote for another input counts as taken
    too, so a run never overwrites another input's output, and --skip-existing
    skips only inputs whose own output is there.
    """
    roots = sorted((os.path.normpath(p) for p in given if p != "-" and os.path.isdir(p)), key=len, reverse=True)
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in files:
        normal = os.path.normpath(path)
        root = next((r for r in roots if normal.startswith(r.rstrip(os.sep) + os.sep)), None)
        relative = "stdin" if path == "-" else os.path.relpath(normal, root) if root else os.path.basename(normal)
        stem = "/".join(_safe_part(part) for part in relative.split(os.sep))
        name, k = stem + ".json", 2
        while name in taken or (folder is not None and _written_for_another(folder, name, path)):
            name, k = f"{stem}-{k}.json", k + 1
        taken.add(name)
        names[path] = name
    return names


def _written_for_another(folder: str, name: str, path: str) -> bool:
    """Whether the output folder holds this name (or, for an mbox, its first part) from another input.

    Only the file's head is read: the input's path opens its "source", right after "schema" (a resumed
    run of 15,000 threads would otherwise parse every output it already wrote).
    """
    import json
    import re

    for candidate in (name, name[:-5] + "-1.json"):
        target = os.path.join(folder, candidate)
        if not os.path.exists(target):
            continue
        try:
            with open(target, encoding="utf-8") as handle:
                head = handle.read(8192)
            opening = re.match(r'\{\s*"schema":\s*"[^"]*",\s*"source":\s*\{\s*"path":\s*', head)
            written_from, _ = json.JSONDecoder().raw_decode(head, opening.end())
        except (OSError, ValueError, AttributeError):
            return True  # not a file this tool wrote: leave it
        if not isinstance(written_from, str):
            return True
        return os.path.abspath(written_from) != os.path.abspath(shown_path(path))
    return False


def _write_atomic(folder: str, name: str, text: str) -> None:
    """Write folder/name whole or not at all: a temporary file in the same folder, renamed into place."""
    import tempfile

    target = os.path.join(folder, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".foiparse-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _name_pattern(context: click.Context, parameter: click.Parameter, pattern: str | None) -> str | None:
    """--glob matches a file's name, so a pattern that is empty or holds a folder would silently match all or nothing."""
    if pattern is None:
        return None
    if not pattern:
        raise click.BadParameter("an empty pattern matches every file; leave --glob out for that")
    if "/" in pattern or os.sep in pattern:
        raise click.BadParameter(f"{pattern!r} holds a folder; --glob matches file names: give the folder as a PATH and, e.g., --glob '*.html'")
    return pattern


def _batch_options(*format_names: str):
    """The options every command that reads a batch shares; `parse` also calls --input-format --format."""
    options = [
        click.option(*format_names, "fmt", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True, help="Input format; auto detects it from the content."),
        click.option("--glob", "pattern", default=None, metavar="PATTERN", callback=_name_pattern, help="In folders, read only files whose name matches, e.g. '*.txt'."),
        click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None, help="Worker processes (default: the number of cores; 1 for a single file)."),
        click.option("--max-size", type=click.IntRange(1), default=DEFAULT_MAX_SIZE, show_default=True, metavar="BYTES", help="Refuse inputs larger than this."),
        click.option("--errors", "error_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="How failures are reported on standard error."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary."),
    ]

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@main.command("parse", epilog=EXAMPLES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, readable=False, path_type=str))
@click.option("--indent", type=click.IntRange(0, 16), default=None, help="Indent JSON by N spaces (default: 2 for one thread on a terminal, else one line per thread).")
@click.option("--compact", is_flag=True, help="One line per thread, even on a terminal.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=str), default=None, help="Write NAME.json per input into this folder instead of standard output.")
@click.option("--skip-existing", is_flag=True, help="With --output-dir: leave inputs whose NAME.json exists (to resume a run).")
@_batch_options("--format", "--input-format")
def parse_command(paths, fmt, indent, compact, pattern, jobs, output_dir, skip_existing, max_size, error_format, quiet):
    """Parse threads into JSON (the default command: `foiparse FILE` is `foiparse parse FILE`)."""
    if skip_existing and not output_dir:
        raise click.UsageError("--skip-existing needs --output-dir")
    if output_dir and output_dir.endswith((".json", ".jsonl")) and not os.path.isdir(output_dir):
        raise click.UsageError(
            f"--output-dir takes a folder, and {shown_path(output_dir)} looks like a file name: "
            "to write one file, redirect standard output (foiparse PATH... > out.jsonl)"
        )
    if paths.count("-") > 1:
        raise click.UsageError("standard input (-) can be read only once")
    files, failed_folders = _inputs(paths, pattern, error_format)
    skipped = 0
    single = len(paths) == 1 and len(files) == 1 and files[0] == paths[0]
    names = output_names(list(paths), files, output_dir if output_dir and os.path.isdir(output_dir) else None) if output_dir else {}
    if output_dir:
        try:
            os.makedirs(output_dir, exist_ok=True)
            _check_writable(output_dir)
        except OSError as error:
            raise click.UsageError(f"cannot use {shown_path(output_dir)} as the output folder: {error.strerror or error}") from None
        if skip_existing:
            # An mbox writes NAME-1.json, NAME-2.json…, the first last: its first part shows it was done.
            before = len(files)
            files = [f for f in files if not any(os.path.exists(os.path.join(output_dir, n)) for n in (names[f], names[f][:-5] + "-1.json"))]
            skipped = before - len(files)
    if compact and indent is not None:
        raise click.UsageError("--compact and --indent contradict each other: choose one")
    file_indent = indent  # files in --output-dir are indented only when asked
    if indent is None and not compact and single and sys.stdout.isatty():
        indent = 2

    def indented(thread: str, width: int | None) -> str:
        if width is None:
            return thread
        import json

        return json.dumps(json.loads(thread), ensure_ascii=False, indent=width)

    workers = jobs or (1 if single else (os.cpu_count() or 1))
    fmt = None if fmt == "auto" else fmt
    jobs_list = _jobs(files, max_size, fmt)

    failures = failed_folders
    progress = _progress(len(files), quiet, data_on_terminal=not output_dir and sys.stdout.isatty())
    out = sys.stdout
    results = _results(jobs_list, workers)
    try:
        for path, ok, payload in results:
            if not ok:
                failures += 1
                _report_failure(path, payload, error_format, progress)
            elif output_dir:
                threads = payload.split("\n")
                try:
                    for k, thread in reversed(list(enumerate(threads, start=1))):
                        _write_atomic(output_dir, names[path] if len(threads) == 1 else f"{names[path][:-5]}-{k}.json", indented(thread, file_indent))
                except OSError as error:
                    failures += 1
                    _report_failure(path, f"cannot write its output: {error.strerror or error}", error_format, progress)
            else:
                if indent is not None:
                    payload = "\n".join(indented(thread, indent) for thread in payload.split("\n"))
                out.write(payload + "\n")
            if progress:
                progress.advance(failed=not ok)
    except KeyboardInterrupt:
        _ignore_interrupts()
        results.close()
        if progress:
            progress.stop()
        out.flush()
        _interrupted()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1 if failures else 0)
    if progress:
        progress.stop()
    _summarise(len(files), failures - failed_folders, quiet, skipped)
    sys.exit(1 if failures else 0)


def shown_path(path: str) -> str:
    """A path as valid UTF-8: bytes the file system gave that are not UTF-8 become "\\xe9"."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _progress(file_count: int, quiet: bool, data_on_terminal: bool):
    """A progress bar on standard error, only when it is a terminal, the data is not printed on a terminal
    too (the bar's redraws would overwrite it; the data shows the progress) and there is more than one file."""
    if quiet or file_count < 2 or not sys.stderr.isatty() or data_on_terminal:
        return None
    from .progress import Progress

    return Progress(file_count)


def _summarise(file_count: int, failed: int, quiet: bool, skipped: int = 0) -> None:
    """On a terminal, after a batch: how many files parsed, how many failed, how many --skip-existing left."""
    if not quiet and (file_count > 1 or skipped) and sys.stderr.isatty():
        done = f", {skipped} skipped (already in the output folder)" if skipped else ""
        click.echo(f"foiparse: {file_count - failed} parsed, {failed} failed{done}", err=True)


def _check_writable(folder: str) -> None:
    """Raise OSError now if files cannot be made in the folder, rather than once per input after parsing them all."""
    import tempfile

    with tempfile.TemporaryFile(dir=folder, prefix=".foiparse-"):
        pass


class _ParsedThreads:
    """The threads of a batch for `table` and `report`, which need them whole: failures are named on
    standard error as `parse` names them, with the same progress bar on a terminal, and counted."""

    def __init__(self, paths: tuple[str, ...], pattern: str | None, jobs: int | None, max_size: int, error_format: str, quiet: bool, fmt: str,
                 data_on_terminal: bool):
        if paths.count("-") > 1:
            raise click.UsageError("standard input (-) can be read only once")
        files, self.failures = _inputs(paths, pattern, error_format)
        self.total = len(files)
        self.failed_files = 0
        self.quiet = quiet
        self.error_format = error_format
        self.results = _results(_jobs(files, max_size, None if fmt == "auto" else fmt), jobs or (1 if len(files) < 2 else (os.cpu_count() or 1)))
        self.progress = _progress(len(files), quiet, data_on_terminal)

    def __iter__(self):
        import json

        try:
            for path, ok, payload in self.results:
                if self.progress:
                    self.progress.advance(failed=not ok)
                if not ok:
                    self.failures += 1
                    self.failed_files += 1
                    _report_failure(path, payload, self.error_format, self.progress)
                    continue
                for line in payload.split("\n"):
                    yield json.loads(line)
        finally:
            if self.progress:
                self.progress.stop()

    def close(self) -> None:
        self.results.close()

    def summarise(self) -> None:
        _summarise(self.total, self.failed_files, self.quiet)


def _report_failure(path: str, reason: str, error_format: str, progress) -> None:
    if error_format == "json":
        import json

        line = json.dumps({"path": shown_path(path), "error": reason}, ensure_ascii=False)
    else:
        # A file name can hold escape sequences; on a terminal they would act, so they are shown escaped.
        shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in shown_path(path))
        line = f"foiparse: {shown}: {reason}"
    if progress:
        progress.print(line)
    else:
        click.echo(line, err=True)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output contract (foiparse/1)."""
    from importlib.resources import files

    click.echo(files("foiparse").joinpath("schema.json").read_text(encoding="utf-8"), nl=False)


@main.command("table", epilog="""\b
Examples:
  foiparse table threads/ > answers.csv
  foiparse table threads/ --wide --format tsv > by-authority.tsv
""")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, readable=False, path_type=str))
@click.option("--format", "table_format", type=click.Choice(["csv", "tsv", "jsonl"]), default="csv", show_default=True, help="Output format.")
@click.option("--wide", is_flag=True, help="One row per thread and a column per question number (same request to many authorities).")
@click.option("--bom", is_flag=True, help="Begin with a UTF-8 byte-order mark, which Excel needs to read £ and curly quotes in a double-clicked CSV (not for jsonl).")
@_batch_options("--input-format")
def table_command(paths, table_format, wide, bom, fmt, pattern, jobs, max_size, error_format, quiet):
    """One table across threads: a row per thread and question (long form) or per thread (--wide).

    Columns: path, authority, reference, status, requested, responded,
    working_days, late, outcome, number, question, answer, answer_type,
    answer_value, answer_unit, exemptions, warnings. --wide gives, per question
    number, Qn (the answer as written), Qn type, Qn value and Qn unit. Cells
    that a spreadsheet would run as a formula are neutralised.
    """
    from .table import LONG_COLUMNS, long_rows, render, wide_rows

    if bom and table_format == "jsonl":
        raise click.UsageError("--bom is for CSV and TSV: a JSON Lines reader rejects it")
    batch = _ParsedThreads(paths, pattern, jobs, max_size, error_format, quiet, fmt, data_on_terminal=sys.stdout.isatty())
    threads = []
    first = True
    try:
        if bom:
            sys.stdout.write("\ufeff")
        for data in batch:
            if wide:
                threads.append(data)
            else:
                sys.stdout.write(render(LONG_COLUMNS, long_rows(data), table_format, header=first))
                first = False
        if wide:
            columns, rows = wide_rows(threads)
            sys.stdout.write(render(columns, rows, table_format))
        elif first and table_format != "jsonl":
            sys.stdout.write(render(LONG_COLUMNS, [], table_format))
        sys.stdout.flush()
    except KeyboardInterrupt:
        _ignore_interrupts()
        batch.close()
        _interrupted()
    except BrokenPipeError:
        batch.close()
        sys.stderr.close()
        sys.exit(1 if batch.failures else 0)
    batch.summarise()
    sys.exit(1 if batch.failures else 0)


@main.command("show", epilog="""\b
Examples:
  foiparse show thread.txt
  foiparse show requests.mbox --thread 2
  foiparse show page.html --width 100 | less -R
""")
@click.argument("path", type=click.Path(allow_dash=True, readable=False, path_type=str))
@click.option("--width", type=click.IntRange(40, 1000), default=None, help="Render at this width (default: the terminal's).")
@click.option("--thread", "which", type=click.IntRange(1), default=1, show_default=True, metavar="N", help="In a file of several threads (an mbox), show the Nth.")
def show_command(path, width, which):
    """Show one thread on the terminal: messages as a timeline, then questions and answers."""
    import json

    from rich.console import Console

    from .show import show

    _, ok, payload = _parse_one(_jobs([path], DEFAULT_MAX_SIZE, None)[0])
    if not ok:
        _report_failure(path, payload, "text", None)
        sys.exit(1)
    threads = payload.split("\n")
    if which > len(threads):
        raise click.UsageError(f"{shown_path(path)} holds {len(threads)} thread{'s' if len(threads) > 1 else ''}, so there is no thread {which}")
    chosen = click.get_current_context().get_parameter_source("which") == click.core.ParameterSource.COMMANDLINE
    if len(threads) > 1 and not chosen:
        click.echo(f"foiparse: {shown_path(path)}: holds {len(threads)} threads; showing thread {which} (--thread N for another)", err=True)
    show(json.loads(threads[which - 1]), Console(width=width) if width else None)


@main.command("report", epilog="""\b
Examples:
  foiparse report threads/ -o report.html
  foiparse report threads/ --glob '*.txt' --title 'Council tax discounts' -o report.html
  foiparse report thread.txt -o - > report.html
""")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, readable=False, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=str), help="Write the HTML page to FILE (- for standard output).")
@click.option("--title", default=None, help="The page's title.")
@_batch_options("--input-format")
def report_command(paths, output, title, fmt, pattern, jobs, max_size, error_format, quiet):
    """One self-contained HTML page comparing threads, for reading in a browser.

    A sortable, filterable table with a row per thread; how each question
    number was answered, as bar charts; working days taken against the 20-day
    limit; then each thread's questions and answers. The page loads nothing
    from the network. Inputs that fail are named on standard error and left
    out; the page holds the others.
    """
    from .report import DEFAULT_TITLE, render

    batch = _ParsedThreads(paths, pattern, jobs, max_size, error_format, quiet, fmt, data_on_terminal=output == "-" and sys.stdout.isatty())
    try:
        threads = list(batch)
    except KeyboardInterrupt:
        _ignore_interrupts()
        batch.close()
        _interrupted()
    batch.summarise()
    if not threads and batch.failures:
        click.echo("foiparse: no input parsed, so no report was written", err=True)
        sys.exit(1)
    page = render(threads, title or DEFAULT_TITLE)
    if output == "-":
        sys.stdout.write(page)
    else:
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            click.echo(f"foiparse: {shown_path(output)}: no such folder to write the report into", err=True)
            sys.exit(1)
        try:
            _write_atomic(folder, os.path.basename(output), page.rstrip("\n"))
        except OSError as error:
            click.echo(f"foiparse: {output}: {error.strerror or error}", err=True)
            sys.exit(1)
    sys.exit(1 if batch.failures else 0)
