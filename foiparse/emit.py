"""Threads out as JSON: one indented object, or JSON Lines for many."""
from __future__ import annotations

import json

from .model import Thread


def to_json(thread: Thread) -> str:
    """One thread as one line of JSON; a value JSON cannot hold (infinity, NaN) fails loudly rather than writing bad JSON."""
    return json.dumps(thread.to_dict(), ensure_ascii=False, allow_nan=False)
