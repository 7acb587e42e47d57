"""The progress bar on standard error, for terminals only (Rich is imported only here)."""
from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn

# Rich's update takes a lock and recomputes the speed: done per file it costs
# more than parsing one, so counts are passed on at most this often.
UPDATE_EVERY = 0.1  # seconds


class Progress:
    """Files done, files per second, time left and failures so far; Rich honours NO_COLOR."""

    def __init__(self, total: int):
        self.console = Console(stderr=True)
        self.failed = 0
        self.pending = 0
        self.last_update = 0.0
        self.bar = RichProgress(
            TextColumn("[bold]parsing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("{task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=self.console,
            # Rich would otherwise capture standard output and print the data above the bar, on the terminal.
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.bar.add_task("parse", total=total, failed=0, rate="")
        self.bar.start()

    def advance(self, failed: bool = False) -> None:
        self.failed += failed
        self.pending += 1
        now = time.monotonic()
        if failed or now - self.last_update >= UPDATE_EVERY:
            self._flush(now)  # a failure shows in the count as soon as its line is printed above the bar

    def _flush(self, now: float) -> None:
        self.bar.update(self.task, advance=self.pending, failed=self.failed)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:,.0f} files/s" if speed else "")
        self.pending, self.last_update = 0, now

    def print(self, line: str) -> None:
        # soft_wrap: a long line (a JSON error object) stays one line, never broken at the terminal's width
        self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        self._flush(time.monotonic())
        self.bar.stop()
