"""Golden files: every fixture thread parsed and compared whole with its expected JSON.

A change in output fails with the list of fields that moved. To accept a
change on purpose: `pytest tests/test_golden.py --update-golden`, then read
the diff of tests/golden/ before committing it.
"""
from __future__ import annotations

import json

import pytest

from foiparse.pipeline import parse_input
from conftest import FIXTURES, GOLDEN, ROOT

# Page text at the top level; raw mail, mailboxes and pasted chains in email/; one request in every format in formats/.
THREADS = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "email").glob("*")) + sorted((FIXTURES / "formats").glob("*"))


def _differences(want, got, path="$"):
    if type(want) is not type(got):
        return [f"{path}: want {want!r}, got {got!r}"]
    if isinstance(want, dict):
        out = []
        for key in sorted(set(want) | set(got)):
            if key not in got or key not in want:
                out.append(f"{path}.{key}: {'missing' if key not in got else 'unexpected'}")
            else:
                out.extend(_differences(want[key], got[key], f"{path}.{key}"))
        return out
    if isinstance(want, list):
        out = [f"{path}: want {len(want)} items, got {len(got)}"] if len(want) != len(got) else []
        for k, (a, b) in enumerate(zip(want, got)):
            out.extend(_differences(a, b, f"{path}[{k}]"))
        return out
    return [] if want == got else [f"{path}: want {want!r}, got {got!r}"]


def _golden_name(thread_path) -> str:
    """tests/golden/NAME.json for fixtures/NAME.txt; SUBFOLDER-FILE.json (extension kept) below it,
    where one request comes in several formats under one name."""
    if thread_path.parent == FIXTURES:
        return thread_path.stem + ".json"
    return f"{thread_path.parent.name}-{thread_path.name}.json"


def _parsed(thread_path):
    """The output as the command line gives it: one object, or a list for an mbox holding several requests."""
    relative = thread_path.relative_to(ROOT).as_posix()
    threads = [t.to_dict() for t in parse_input(thread_path.read_bytes(), path=relative)]
    return threads[0] if len(threads) == 1 else threads


@pytest.mark.parametrize("thread_path", THREADS, ids=[_golden_name(p)[:-5] for p in THREADS])
def test_golden(thread_path, update_golden):
    golden = GOLDEN / _golden_name(thread_path)
    got = _parsed(thread_path)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    assert golden.exists(), f"no golden file for {thread_path.name}: run pytest --update-golden and review it"
    want = json.loads(golden.read_text(encoding="utf-8"))
    moved = _differences(want, got)
    assert not moved, "output moved:\n" + "\n".join(moved[:40])


def test_every_golden_file_has_its_fixture():
    names = {_golden_name(p) for p in THREADS}
    stale = [g.name for g in GOLDEN.glob("*.json") if g.name not in names]
    assert not stale, f"golden files without a fixture: {stale}"
