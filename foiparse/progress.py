"""The progress bar on standard error, for terminals only (Rich is imported only here)."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn


class Progress:
    """Files done, files per second, time left and failures so far; Rich honours NO_COLOR."""

    def __init__(self, total: int):
        self.console = Console(stderr=True)
        self.failed = 0
        self.bar = RichProgress(
            TextColumn("[bold]parsing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("{task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = self.bar.add_task("parse", total=total, failed=0, rate="")
        self.bar.start()

    def advance(self, failed: bool = False) -> None:
        if failed:
            self.failed += 1
        task = self.bar.tasks[0]
        speed = task.speed
        self.bar.update(self.task, advance=1, failed=self.failed, rate=f"{speed:,.0f} files/s" if speed else "")

    def print(self, line: str) -> None:
        self.bar.console.print(line, markup=False, highlight=False)

    def stop(self) -> None:
        self.bar.stop()
