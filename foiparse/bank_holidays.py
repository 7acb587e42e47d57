"""UK bank holidays by part of the UK, from the ``holidays`` package, cached on disk.

Importing ``holidays`` loads every country it knows (about 80 ms), which
would triple the start-up of ``foiparse thread.txt``. So the first run
writes the bank holidays of 1990–2060 for England and Wales, Scotland and
Northern Ireland to a small JSON file in the user's cache folder, keyed by
the installed package's file (a new ``holidays`` release means a new cache);
later runs read that file. Where the cache cannot be written or read, the
package is used directly. This is the one module beside ``read.py`` and
``cli.py`` that touches files, and only its own cache.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from functools import lru_cache

PARTS = ("ENG", "WLS", "SCT", "NIR")
FIRST_YEAR, LAST_YEAR = 1990, 2060


def _cache_path() -> str | None:
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    info = os.stat(spec.origin)
    key = f"{int(info.st_mtime)}-{info.st_size}"
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "foiparse", f"uk-bank-holidays-{key}.json")


def _from_package(years: range) -> dict[str, list[str]]:
    import holidays

    return {part: sorted(day.isoformat() for day in holidays.country_holidays("GB", subdiv=part, years=years)) for part in PARTS}


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[dt.date]]:
    path = None
    try:
        path = _cache_path()
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError, TypeError):
        data = _from_package(range(FIRST_YEAR, LAST_YEAR + 1))
        if path:
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                temporary = f"{path}.{os.getpid()}.tmp"
                with open(temporary, "w", encoding="utf-8") as handle:
                    json.dump(data, handle)
                os.replace(temporary, path)
                _remove_stale(os.path.dirname(path))
            except OSError:
                pass
    return {part: frozenset(dt.date.fromisoformat(day) for day in data.get(part, ())) for part in PARTS}


# A cache file unwritten this long is removed when another is written: each environment (each install of
# the holidays package) writes its own, and environments come and go.
STALE_AFTER_SECONDS = 30 * 24 * 3600


def _remove_stale(folder: str) -> None:
    import time

    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.startswith("uk-bank-holidays-") and time.time() - os.path.getmtime(path) > STALE_AFTER_SECONDS:
            os.unlink(path)  # one still in use is simply written again by its next run


@lru_cache(maxsize=32)
def bank_holidays(scottish: bool, year: int) -> frozenset[dt.date]:
    """Bank holidays of that year in Scotland, or in any part of the UK."""
    parts = ("SCT",) if scottish else PARTS
    if FIRST_YEAR <= year <= LAST_YEAR:
        table = _table()
        return frozenset(day for part in parts for day in table[part] if day.year == year)
    return frozenset(day for part in parts for day in map(dt.date.fromisoformat, _from_package(range(year, year + 1))[part]))
