"""Golden files: every fixture thread parsed and compared whole with its expected JSON.

A change in output fails with the list of fields that moved. To accept a
change on purpose: `pytest tests/test_golden.py --update-golden`, then read
the diff of tests/golden/ before committing it.
"""
from __future__ import annotations

import json

import pytest

import foiparse
from conftest import FIXTURES, GOLDEN, ROOT

THREADS = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "email").glob("*"))


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


def _parsed(thread_path):
    relative = thread_path.relative_to(ROOT).as_posix()
    return foiparse.parse_bytes(thread_path.read_bytes(), path=relative).to_dict()


@pytest.mark.parametrize("thread_path", THREADS, ids=[p.stem for p in THREADS])
def test_golden(thread_path, update_golden):
    golden = GOLDEN / (thread_path.name.rsplit(".", 1)[0] + ".json")
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
    names = {p.name.rsplit(".", 1)[0] for p in THREADS}
    stale = [g.name for g in GOLDEN.glob("*.json") if g.stem not in names]
    assert not stale, f"golden files without a fixture: {stale}"
