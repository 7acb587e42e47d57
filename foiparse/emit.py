"""Threads out as JSON: one indented object, or JSON Lines for many."""
from __future__ import annotations

import json

from .model import Thread


def to_json(thread: Thread, indent: int | None = None) -> str:
    return json.dumps(thread.to_dict(), ensure_ascii=False, indent=indent)
