#!/usr/bin/env python3
"""Speed, start-up and memory of foiparse on a generated, realistic workload.

    .venv/bin/python benchmarks/bench.py              # full run, table on stdout
    .venv/bin/python benchmarks/bench.py --quick      # small smoke run
    .venv/bin/python benchmarks/bench.py --json       # the same results as JSON
    .venv/bin/python benchmarks/bench.py --profile    # cProfile of the in-process parse

The workload is built at run time, in a temporary folder that is removed
afterwards, by recombining pieces of the real threads in ../shared/corpus and
the hand-written ones in fixtures/ (their gold files say where each message
starts, so the pieces are cut without using foiparse itself). Nothing from
those folders is stored in the repository.

Every speed is reported beside a baseline measured in the same run (reading
the files, starting a bare interpreter), so numbers from different machines
can be compared by their ratios. Targets are shown for information only: this
script never fails because a number is slow.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import math
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import foiparse

PROJECT = Path(__file__).resolve().parent.parent
CORPUS_DIR = PROJECT.parent / "shared" / "corpus"
FIXTURES_DIR = PROJECT / "fixtures"

# The targets from benchmarks/README.md; reported, never enforced.
TARGET_PARSE_FILES_PER_S = 1500
TARGET_SPEEDUP_2_JOBS = 1.85
TARGET_VERSION_RATIO = 3.0
TARGET_ONE_FILE_RATIO = 6.0
TARGET_PEAK_MIB_10K = 60.0

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# A WhatDoTheyKnow date line under a message heading, e.g. "2 August 2018".
DATE_LINE = re.compile(r"^\s*\d{1,2} (?:%s) \d{4}\s*$" % "|".join(MONTHS))
# A numbered or lettered list item, e.g. "1)", "(2)", "Q3.", "a)", "Question 4:";
# such lines are left out of the prose pools so only generated lists carry labels.
LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.):]|\(?[a-z][.)]|Q(?:uestion)?\s*\d)", re.I)
# Salutations and sign-offs, kept out of the prose pools for the same reason.
LETTER_FRAME = re.compile(r"^\s*(?:Dear\b|Yours\b|Kind regards|Many thanks|Regards)", re.I)
# The page's "show quoted sections" link, where a quoted block ends.
FURNITURE = re.compile(r"^\s*(?:show|hide) quoted sections\s*$")


# --------------------------------------------------------------------------
# Workload: pieces of real threads, recombined
# --------------------------------------------------------------------------


@dataclass
class Pools:
    """Everything the generator draws from, cut out of the source threads."""

    titles: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    requesters: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    request_prose: list[str] = field(default_factory=list)
    # Paragraphs (lists of lines) of authorities' letters: intros, refusals, review rights.
    letter_paragraphs: list[list[str]] = field(default_factory=list)
    # Whole messages (heading line first), by direction; follow-ups exclude the request itself.
    incoming: list[list[str]] = field(default_factory=list)
    follow_ups: list[list[str]] = field(default_factory=list)
    # WhatDoTheyKnow's footer under a forwarded request ("Please use this email address ...").
    footers: list[list[str]] = field(default_factory=list)
    # The source threads as they are, to check the workload costs the same per byte as real text.
    originals: list[tuple[str, bytes]] = field(default_factory=list)
    sources: int = 0
    digest: str = ""


def _strip_blank_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def load_pools(folders: list[Path]) -> Pools:
    """Cut every ``NAME.txt`` that has a ``NAME.gold.json`` into reusable pieces."""
    pools = Pools()
    digest = hashlib.sha256()
    for folder in folders:
        for text_path in sorted(folder.glob("*.txt")):
            gold_path = text_path.with_suffix(".gold.json")
            if not gold_path.exists():
                continue
            raw = text_path.read_bytes()
            digest.update(raw)
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            starts = [m["start"] for m in gold.get("messages", [])]
            if not starts:
                continue
            pools.sources += 1
            pools.originals.append((str(text_path), raw))
            lines = raw.decode("utf-8").splitlines()
            _take_header(pools, lines[: starts[0] - 1])
            ends = starts[1:] + [len(lines) + 1]
            for meta, start, end in zip(gold["messages"], starts, ends):
                _take_message(pools, meta, _strip_blank_edges(lines[start - 1 : end - 1]))
            for key, pool in (("requester", pools.requesters), ("authority", pools.authorities)):
                if gold.get(key):
                    pool.append(gold[key])
            for question in gold.get("questions", []):
                if question.get("text"):
                    pools.questions.append(question["text"])
                if question.get("answer"):
                    pools.answers.append(question["answer"])
    pools.digest = digest.hexdigest()[:12]
    return pools


def _take_header(pools: Pools, header: list[str]) -> None:
    shown = [line.strip() for line in header if line.strip()]
    if shown:
        pools.titles.append(shown[0])
    pools.statuses.extend(line for line in shown[1:] if " made this " not in line)


def _take_message(pools: Pools, meta: dict, lines: list[str]) -> None:
    if not lines:
        return
    if meta.get("direction") == "incoming":
        pools.incoming.append(lines)
        footer = _footer(lines)
        if footer:
            pools.footers.append(footer)
        for block in _paragraphs(lines[1:]):
            text = " ".join(block)
            if 80 <= len(text) <= 900 and not LIST_ITEM.match(block[0]) and not LETTER_FRAME.match(block[0]) and "FOI #" not in text:
                pools.letter_paragraphs.append(block)
    elif meta.get("kind") == "request":
        # Prose only: no list items, no salutations, no rows of the forms some requests paste in (tab-separated).
        pools.request_prose.extend(
            line.strip() for line in lines
            if len(line.strip()) >= 40 and "\t" not in line and not LIST_ITEM.match(line) and not LETTER_FRAME.match(line)
        )
    else:
        pools.follow_ups.append(lines)


def _footer(lines: list[str]) -> list[str]:
    """WhatDoTheyKnow's footer under a quoted request, from "Please use this email address" to the next blank or furniture line."""
    for start, line in enumerate(lines):
        if line.lstrip().startswith("Please use this email address"):
            end = start
            while end < len(lines) and end - start < 30 and lines[end].strip() and not FURNITURE.match(lines[end]):
                end += 1
            return lines[start:end]
    return []


def wrap(text: str, width: int = 72, prefix: str = "") -> list[str]:
    """Greedy word wrap, as mail clients do to an authority's reply (textwrap is needlessly slow for 10,000 files)."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(prefix + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(prefix + current)
    return lines


def _label(style: str, number: int) -> str:
    """A question label in one of the styles real requests use."""
    return {"dot": f"{number}.", "paren": f"{number})", "both": f"({number})", "q": f"Q{number}", "question": f"Question {number}:"}[style]


class ThreadBuilder:
    """One generated thread: header, request, replies, then padding up to a target size."""

    def __init__(self, pools: Pools, rng: random.Random):
        self.pools, self.rng = pools, rng
        self.requester = rng.choice(pools.requesters)
        self.authority = rng.choice(pools.authorities)
        self.title = rng.choice(pools.titles)
        # One copy in twenty has the older layout with no date lines (like fixtures/seed-shape-no-dates).
        self.dated = rng.random() > 0.05
        self.style = rng.choice(["dot", "paren", "both", "q", "question"])
        self.questions = self._draw_questions()
        self.messages: list[list[str]] = []
        # Dates rise through the thread: a start in 2015-2024, then a few days per message.
        self.start = (rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 20))
        self.gaps = [rng.randint(0, 9) for _ in range(64)]

    def _draw_questions(self) -> list[tuple[str, str]]:
        """(label, text) pairs; a few requests have sub-items, most a flat list of 1-15, some none."""
        rng = self.rng
        if rng.random() < 0.12:
            return []
        count = min(15, 1 + int(rng.expovariate(1 / 4)))
        items = []
        for number in range(1, count + 1):
            items.append((_label(self.style, number), rng.choice(self.pools.questions)))
            if rng.random() < 0.1:
                for sub in range(rng.randint(2, 3)):
                    items.append((f"  {'abcdefgh'[sub]})", rng.choice(self.pools.questions)))
        return items

    def header(self) -> list[str]:
        lines = [self.title, ""]
        if self.dated and self.rng.random() < 0.7:
            lines += [f"{self.requester} made this Freedom of Information request to {self.authority}", ""]
        return lines + [self.rng.choice(self.pools.statuses), ""]

    def request(self) -> list[str]:
        rng = self.rng
        body = [f"Dear {self.authority},"]
        body += rng.sample(self.pools.request_prose, k=min(len(self.pools.request_prose), rng.randint(0, 3)))
        body += [f"{label} {text}" for label, text in self.questions]
        body += rng.sample(self.pools.request_prose, k=min(len(self.pools.request_prose), rng.randint(0, 2)))
        body += ["Yours faithfully,", self.requester]
        # Undated copies start the request straight after the status line, with no heading.
        return ([self.requester, ""] if self.dated else []) + body

    def response(self) -> list[str]:
        """The authority's answers: each question repeated (wrapped, as mail is) with its answer, or labels only."""
        rng = self.rng
        team = rng.choice(["Freedom of Information", "FOI Team", "Information Governance", "Data Protection"])
        lines = [f"{team}, {self.authority}", ""]
        if rng.random() < 0.5:
            count = rng.randint(1, 3)
            lines[1:1] = [f"{count} Attachment{'s' if count > 1 else ''}"] + [f"  Response {i + 1}.pdf {rng.randint(20, 900)}K" for i in range(count)] + [""]
        lines += [f"Dear {self.requester}", ""] + rng.choice(self.pools.letter_paragraphs) + [""]
        repeat = rng.random() < 0.7
        for label, text in self.questions:
            answer = wrap(rng.choice(self.pools.answers))
            if repeat:
                lines += wrap(f"{label.strip()} {text}") + answer + [""]
            else:
                lines += [f"{label.strip()} {answer[0]}"] + answer[1:] + [""]
        for _ in range(rng.randint(1, 3)):
            lines += rng.choice(self.pools.letter_paragraphs) + [""]
        return lines + ["Yours sincerely", "", rng.choice(self.pools.requesters), team, self.authority]

    def quoted_request(self, when: tuple[int, int, int]) -> list[str]:
        """The original request quoted under a reply, in one of the forms mail clients use, with WhatDoTheyKnow's footer."""
        rng = self.rng
        year, month, day = when
        body = [f"Dear {self.authority},"] + [f"{label} {text}" for label, text in self.questions] + ["Yours faithfully,", self.requester]
        wrapped = [piece for line in body for piece in (wrap(line) or [""])]
        number = rng.randint(100000, 999999)
        if rng.random() < 0.3:
            lines = [f"On {day} {MONTHS[month - 1]} {year}, {self.requester} <[FOI #{number} email]> wrote:"]
            lines += ["> " + line for line in wrapped]
        else:
            weekday = WEEKDAYS[(year * 365 + month * 31 + day) % 7]  # plausible, not calendar-exact
            lines = ["-----Original Message-----"] if rng.random() < 0.5 else []
            lines += [
                f"From: {self.requester} <[FOI #{number} email]>",
                f"Sent: {weekday}, {MONTHS[month - 1]} {day}, {year} {rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(['AM', 'PM'])}",
                f"To: FOI <[{self.authority} request email]>",
                f"Subject: Freedom of Information request - {self.title}",
            ] + wrapped
        if self.pools.footers:
            lines += ["-" * 67] + rng.choice(self.pools.footers)
        if rng.random() < 0.6:
            lines.append(rng.choice(["show quoted sections", "hide quoted sections"]))
        return lines

    def build(self, target: int) -> str:
        rng = self.rng
        self.messages = [self.request()]
        for _ in range(rng.randint(1, 3)):
            self.messages.append(list(rng.choice(self.pools.incoming)))
        if self.questions and rng.random() < 0.75:
            self.messages.append(self.response())
        # Which messages already quote the request (one quote each), kept in step with self.messages.
        quoted = [True] + [False] * (len(self.messages) - 1)
        # Pad like real threads grow: more mail, and replies quoting the request beneath them.
        while self._size() < target:
            roll = rng.random()
            unquoted = [i for i, done in enumerate(quoted) if not done]
            if roll < 0.5 and unquoted:
                index = rng.choice(unquoted)
                quoted[index] = True
                self.messages[index] = self.messages[index] + [""] + self.quoted_request(self._date(index))
            elif roll < 0.85 or not self.pools.follow_ups:
                index = rng.randint(1, len(self.messages))
                self.messages.insert(index, list(rng.choice(self.pools.incoming)))
                quoted.insert(index, False)
            else:
                self.messages.append(list(rng.choice(self.pools.follow_ups)))
                quoted.append(True)  # the requester's own follow-ups do not quote the request here
        return self._render()

    def _date(self, index: int) -> tuple[int, int, int]:
        """The date of message ``index``; every month has 28 days here, which keeps the arithmetic trivial."""
        year, month, day = self.start
        day += sum(self.gaps[: index % len(self.gaps)])
        month += (day - 1) // 28
        day = (day - 1) % 28 + 1
        year += (month - 1) // 12
        return year, (month - 1) % 12 + 1, day

    def _render(self) -> str:
        out = self.header()
        for index, message in enumerate(self.messages):
            heading, rest = message[0], message[1:]
            if index == 0 and not self.dated:  # an undated request has no heading line
                out += message + [""]
                continue
            if rest and DATE_LINE.match(rest[0]):
                rest = rest[1:]
            year, month, day = self._date(index)
            out += [heading] + ([f"{day} {MONTHS[month - 1]} {year}"] if self.dated else []) + rest + [""]
        return "\n".join(out)

    def _size(self) -> int:
        return sum(len(line) + 1 for message in self.messages for line in message)


def thread_bytes(pools: Pools, seed: int, index: int) -> bytes:
    """Thread number ``index``: seeded by (seed, index), so the first 1,000 files are the same whatever the total."""
    rng = random.Random(f"foiparse-bench:{seed}:{index}")
    # Log-normal sizes around 10 KB, like real threads: many short, a long tail of long ones.
    target = int(min(120_000, max(1_500, rng.lognormvariate(math.log(8_300), 0.6))))
    text = ThreadBuilder(pools, rng).build(target)
    # A few copies as older mail arrives: Windows line ends, Windows-1252, a byte-order mark.
    roll = rng.random()
    if roll < 0.04:
        return text.replace("\n", "\r\n").encode("utf-8")
    if roll < 0.07:
        return text.encode("cp1252", errors="replace")
    if roll < 0.08:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def write_workload(pools: Pools, folder: Path, count: int, seed: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"thread-{index:05d}.txt"
        path.write_bytes(thread_bytes(pools, seed, index))
        paths.append(path)
    return paths


def linked_subset(paths: list[Path], folder: Path) -> Path:
    """A folder holding the given files as hard links: a second workload size without writing the files again."""
    folder.mkdir(parents=True)
    for path in paths:
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copyfile(path, folder / path.name)
    return folder


# --------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------


def foiparse_command() -> list[str]:
    """The installed console script beside this interpreter (what users run), else the entry point."""
    script = Path(sys.executable).with_name("foiparse")
    if script.exists():
        return [str(script)]
    found = shutil.which("foiparse")
    return [found] if found else [sys.executable, "-c", "from foiparse.cli import main; main()"]


def time_read(paths: list[Path], repeat: int = 5) -> float:
    """Seconds to open and read every file; the median of a few passes, as one pass is too short to trust."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            with open(path, "rb") as handle:
                handle.read()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_all(blobs: list[tuple[str, bytes]]) -> int:
    """What the CLI does per file, minus the reading: parse and serialise. Returns the number that failed."""
    failed = 0
    for path, data in blobs:
        try:
            json.dumps(foiparse.parse_bytes(data, path=path).to_dict(), ensure_ascii=False)
        except foiparse.InputError:
            failed += 1
    return failed


def time_parse(blobs: list[tuple[str, bytes]], repeat: int) -> tuple[float, int]:
    # Warm-up so module imports and first-use regex compiles are not charged to the loop.
    parse_all(blobs[:20])
    times, failed = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        failed = parse_all(blobs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), failed


def time_command(command: list[str], repeat: int) -> tuple[float, int]:
    """Median wall time of a command with output discarded, and its last exit code."""
    times, code = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), code


# Run in a fresh interpreter per case: RUSAGE_CHILDREN keeps the largest child
# ever waited for, so measuring in this process would let one case mask the next.
_PEAK_RSS_HELPER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def peak_rss_mib(command: list[str]) -> tuple[float, int]:
    """Peak resident memory of the largest process the command starts (Linux reports KiB, macOS bytes)."""
    out = subprocess.run([sys.executable, "-c", _PEAK_RSS_HELPER, *command], capture_output=True, text=True, check=True).stdout.split()
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return int(out[0]) / scale, int(out[1])


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def _mark(met: bool) -> str:
    return "met" if met else "NOT MET"


def render_table(r: dict) -> str:
    w, rd, pa, cli, su = r["workload"], r["read"], r["parse"], r["cli"], r["startup"]
    rows = [("case", "time", "files/s", "MB/s", "ratio", "target")]
    rows.append(("read all files (baseline)", f"{rd['seconds']:.3f} s", f"{rd['files_per_s']:,.0f}", f"{rd['mb_per_s']:,.0f}", "1.00x read", ""))
    rows.append((
        "in-process parse + JSON, 1 worker", f"{pa['seconds']:.3f} s", f"{pa['files_per_s']:,.0f}", f"{pa['mb_per_s']:,.1f}",
        f"{pa['ratio_to_read']:,.0f}x read", f">= {TARGET_PARSE_FILES_PER_S:,} files/s: {_mark(pa['files_per_s'] >= TARGET_PARSE_FILES_PER_S)}",
    ))
    src = r["parse_sources"]
    rows.append((
        f"  same, the {src['files']} source threads as they are", f"{src['seconds']:.3f} s", f"{src['files_per_s']:,.0f}",
        f"{src['mb_per_s']:,.1f}", f"{pa['mb_per_s'] / src['mb_per_s']:.2f}x MB/s", "",
    ))
    for jobs in ("1", "2"):
        case = cli[f"jobs_{jobs}"]
        ratio, target = "", ""
        if jobs == "2":
            ratio = f"{cli['speedup']:.2f}x jobs 1"
            target = f">= {TARGET_SPEEDUP_2_JOBS}x: {_mark(cli['speedup'] >= TARGET_SPEEDUP_2_JOBS)}"
        else:
            ratio = f"{case['seconds'] / pa['seconds']:.2f}x in-process"
        rows.append((f"CLI DIR --jobs {jobs} --quiet", f"{case['seconds']:.3f} s", f"{case['files_per_s']:,.0f}", f"{case['mb_per_s']:,.1f}", ratio, target))
    limits = {"foiparse_version": TARGET_VERSION_RATIO, "foiparse_one_file": TARGET_ONE_FILE_RATIO}
    names = {"python_pass": "start-up: python -c pass", "foiparse_version": "start-up: foiparse --version", "foiparse_one_file": "start-up: foiparse one small file"}
    for key, name in names.items():
        case = su[key]
        target = f"<= {limits[key]:g}x: {_mark(case['ratio'] <= limits[key])}" if key in limits else ""
        rows.append((name, f"{case['ms']:.1f} ms", "", "", f"{case['ratio']:.2f}x python", target))
    for case in r["memory"]:
        target = ""
        if case["files"] >= 10_000 and case["jobs"] == 1:
            target = f"<= {TARGET_PEAK_MIB_10K:g} MiB: {_mark(case['peak_mib'] <= TARGET_PEAK_MIB_10K)}"
        rows.append((f"peak RSS: CLI --jobs {case['jobs']}, {case['files']:,} files", f"{case['peak_mib']:.1f} MiB", "", "", "", target))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    aligns = ["<", ">", ">", ">", ">", "<"]

    def line(row):
        return "  ".join(f"{cell:{align}{width}}" for cell, align, width in zip(row, aligns, widths)).rstrip()

    e = r["environment"]
    head = [
        f"foiparse {e['foiparse']} on Python {e['python']} ({e['platform']}), {e['cpu_count']} cores (os.cpu_count)",
        f"workload: {w['files']:,} threads, {w['mb']:.1f} MB, median {w['median_kb']:.1f} KB (p10 {w['p10_kb']:.1f}, p90 {w['p90_kb']:.1f}, max {w['max_kb']:.1f}),"
        f" seed {w['seed']}, {w['sources']} source threads {w['sources_digest']}, workload sha256 {w['digest']}",
        "",
    ]
    notes = []
    if pa["failed"] or cli["jobs_1"]["exit"] or cli["jobs_2"]["exit"]:
        notes.append(f"note: {pa['failed']} files failed in-process; CLI exit codes {cli['jobs_1']['exit']} (jobs 1), {cli['jobs_2']['exit']} (jobs 2)")
    return "\n".join(head + [line(rows[0]), line(tuple("-" * n for n in widths))] + [line(row) for row in rows[1:]] + notes)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip() and int(part.replace("_", "")) > 0]


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=None, help="threads in the speed workload (default 2000; 200 with --quick)")
    parser.add_argument("--files-mem", default=None, metavar="N,N", help="workload sizes for peak memory (default 1000,10000; 200,1000 with --quick; 0 skips)")
    parser.add_argument("--seed", type=int, default=1, help="workload seed (default 1)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each parse and CLI timing, median reported (default 1)")
    parser.add_argument("--quick", action="store_true", help="small sizes and 3 start-up runs: a smoke run")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--profile", action="store_true", help="only profile the in-process parse (cProfile) and print the top functions")
    parser.add_argument("--profile-sort", default="cumulative", choices=["cumulative", "tottime"], help="order of the --profile listing (default cumulative)")
    parser.add_argument("--top", type=int, default=25, help="functions listed by --profile (default 25)")
    parser.add_argument("--adversarial", action="store_true", help="only time hostile inputs at two sizes: a ratio near 2 means time linear in size")
    args = parser.parse_args(argv)
    if args.adversarial:
        return adversarial()

    files = args.files if args.files is not None else (200 if args.quick else 2000)
    mem_sizes = _sizes(args.files_mem if args.files_mem is not None else ("200,1000" if args.quick else "1000,10000"))
    startup_runs = 3 if args.quick else 10
    if args.profile:
        mem_sizes = []

    pools = load_pools([CORPUS_DIR, FIXTURES_DIR])
    needed = ("titles", "statuses", "requesters", "authorities", "questions", "answers", "request_prose", "letter_paragraphs", "incoming")
    missing = [name for name in needed if not getattr(pools, name)]
    if missing:
        print(f"bench: too few threads with gold files in {CORPUS_DIR} and {FIXTURES_DIR} (nothing for: {', '.join(missing)})", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="foiparse-bench-") as temp:
        root = Path(temp)
        total = max([files, *mem_sizes])
        _log(f"generating {total:,} threads from {pools.sources} source threads (seed {args.seed})")
        all_paths = write_workload(pools, root / "all", total, args.seed)
        workload = linked_subset(all_paths[:files], root / "speed")
        paths = sorted(workload.iterdir())
        blobs = [(str(path), path.read_bytes()) for path in paths]
        if args.profile:
            return profile(blobs, args.profile_sort, args.top)
        results = measure(args, pools, paths, blobs, workload, all_paths, root, mem_sizes, startup_runs)

    print(json.dumps(results, indent=2) if args.json else render_table(results))
    return 0


# Hostile inputs, each built at a given size in characters: a pattern that backtracks
# catastrophically would take far more than twice as long at twice the size.
ADVERSARIAL = {
    "one character": lambda n: "a" * n,
    "digits": lambda n: "1" * n,
    "numbered lines": lambda n: "\n".join(f"{i}. question {i}?" for i in range(1, n // 16)),
    "one long line of words": lambda n: "word " * (n // 5),
    "nested quotes": lambda n: "\n".join(">" * (k % 400) + " text" for k in range(n // 205)),
    "headings": lambda n: "\n\n".join(f"Name {i}\n2 August 2018" for i in range(n // 25)),
    "label bait": lambda n: "reference " * (n // 10),
    "date bait": lambda n: "12 March 2021 " * (n // 14),
}


def adversarial(size: int = 1_000_000) -> int:
    """Seconds to parse each hostile input at 1 MB and at 2 MB, and their ratio."""
    print(f"{'input':26s} {'1 MB':>8s} {'2 MB':>8s} {'ratio':>6s}")
    for name, build in ADVERSARIAL.items():
        times = []
        for n in (size, 2 * size):
            text = build(n)
            started = time.perf_counter()
            foiparse.parse(text, format="wdtk-text")
            times.append(time.perf_counter() - started)
        print(f"{name:26s} {times[0]:7.2f}s {times[1]:7.2f}s {times[1] / times[0]:6.2f}")
    return 0


def measure(args, pools: Pools, paths, blobs, workload: Path, all_paths, root: Path, mem_sizes, startup_runs) -> dict:
    sizes = sorted(len(data) for _, data in blobs)
    total_bytes = sum(sizes)
    mb = total_bytes / 1e6
    count = len(paths)
    deciles = statistics.quantiles(sizes, n=10) if count > 1 else [sizes[0]] * 9
    results: dict = {
        "targets": {
            "parse_files_per_s": TARGET_PARSE_FILES_PER_S, "speedup_2_jobs": TARGET_SPEEDUP_2_JOBS,
            "version_ratio": TARGET_VERSION_RATIO, "one_file_ratio": TARGET_ONE_FILE_RATIO, "peak_mib_10k": TARGET_PEAK_MIB_10K,
        },
        "environment": {
            "foiparse": foiparse.__version__,
            "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.machine()}",
            "cpu_count": os.cpu_count(),
        },
        "workload": {
            "files": count, "mb": mb, "median_kb": statistics.median(sizes) / 1000, "p10_kb": deciles[0] / 1000,
            "p90_kb": deciles[-1] / 1000, "max_kb": sizes[-1] / 1000, "seed": args.seed, "sources": pools.sources,
            "sources_digest": pools.digest, "digest": hashlib.sha256(b"".join(data for _, data in blobs)).hexdigest()[:12],
        },
    }

    _log("reading (baseline)")
    read_s = time_read(paths)
    results["read"] = {"seconds": read_s, "files_per_s": count / read_s, "mb_per_s": mb / read_s}

    _log("parsing in-process, 1 worker")
    parse_s, failed = time_parse(blobs, args.repeat)
    results["parse"] = {"seconds": parse_s, "files_per_s": count / parse_s, "mb_per_s": mb / parse_s, "ratio_to_read": parse_s / read_s, "failed": failed}

    # Same loop over the untouched source threads: if its MB/s is far from the line above,
    # the generated workload no longer costs what real text costs.
    originals_s, _ = time_parse(pools.originals, max(3, args.repeat))
    originals_mb = sum(len(data) for _, data in pools.originals) / 1e6
    results["parse_sources"] = {"files": len(pools.originals), "seconds": originals_s, "files_per_s": len(pools.originals) / originals_s, "mb_per_s": originals_mb / originals_s}

    command = foiparse_command()
    results["cli"] = {}
    for jobs in (1, 2):
        _log(f"CLI --jobs {jobs}")
        seconds, code = time_command([*command, str(workload), "--jobs", str(jobs), "--quiet"], args.repeat)
        results["cli"][f"jobs_{jobs}"] = {"seconds": seconds, "files_per_s": count / seconds, "mb_per_s": mb / seconds, "exit": code}
    results["cli"]["speedup"] = results["cli"]["jobs_1"]["seconds"] / results["cli"]["jobs_2"]["seconds"]

    _log(f"start-up, median of {startup_runs}")
    # A small file, not a tiny one: the 10th percentile of the workload.
    small = min(paths, key=lambda path: abs(path.stat().st_size - deciles[0]))
    cases = {
        "python_pass": [sys.executable, "-c", "pass"],
        "foiparse_version": [*command, "--version"],
        "foiparse_one_file": [*command, str(small)],
    }
    results["startup"] = {}
    for key, case in cases.items():
        time_command(case, 1)  # warm-up: bytecode caches and the file system cache
        seconds, _ = time_command(case, startup_runs)
        results["startup"][key] = {"ms": seconds * 1000}
    base = results["startup"]["python_pass"]["ms"]
    for case in results["startup"].values():
        case["ratio"] = case["ms"] / base
    results["startup"]["small_file_bytes"] = small.stat().st_size

    results["memory"] = []
    for size in mem_sizes:
        folder = linked_subset(all_paths[:size], root / f"mem-{size}")
        for jobs in (1, 2):
            _log(f"peak memory, {size:,} files, --jobs {jobs}")
            peak, code = peak_rss_mib([*command, str(folder), "--jobs", str(jobs), "--quiet"])
            results["memory"].append({"files": size, "jobs": jobs, "peak_mib": peak, "exit": code})
    return results


def profile(blobs: list[tuple[str, bytes]], sort: str, top: int) -> int:
    """cProfile over the in-process parse, after a warm-up so imports do not crowd the listing."""
    parse_all(blobs[:20])
    profiler = cProfile.Profile()
    profiler.enable()
    parse_all(blobs)
    profiler.disable()
    print(f"cProfile: in-process parse + JSON of {len(blobs):,} files, top {top} by {sort}")
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats(sort).print_stats(top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
