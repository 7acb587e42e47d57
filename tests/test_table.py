"""The researchers' table: long and wide forms, and spreadsheet safety."""
from __future__ import annotations

import csv
import json
import io
import subprocess
import sys

from click.testing import CliRunner

from foiparse.cli import main
from foiparse.table import safe_cell
from conftest import FIXTURES, GOLDEN, ROOT


def test_cells_that_a_spreadsheet_would_run_are_neutralised():
    assert [safe_cell(v) for v in ("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "plain", None, True, 14)] == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain", "", "true", "14"]


def test_long_form_has_a_row_per_question():
    result = CliRunner().invoke(main, ["table", str(FIXTURES / "example-council-tax-discounts.txt")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["number"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0]["answer"] == "Yes" and rows[0]["answer_type"] == "yes" and rows[0]["answer_value"] == "true"
    assert rows[1]["answer_type"] == "number" and rows[1]["answer_value"] == "1204"


def test_wide_form_over_the_fixtures_matches_the_expected_csv(update_golden):
    result = subprocess.run([sys.executable, "-m", "foiparse", "table", "--wide", "fixtures", "--glob", "*.txt"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    expected = GOLDEN / "table-wide.csv"
    if update_golden:
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(list(FIXTURES.rglob("*.txt")))


def test_thread_text_cannot_inject_a_formula(tmp_path):
    thread = (FIXTURES / "answers-only-list.txt").read_text(encoding="utf-8").replace("1. No", "1. =cmd|' /C calc'!A0", 1)
    (tmp_path / "t.txt").write_text(thread, encoding="utf-8")
    result = CliRunner().invoke(main, ["table", str(tmp_path / "t.txt")])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["answer"].startswith("'=")


def test_tsv_rows_are_one_line_each_with_the_same_number_of_fields():
    result = CliRunner().invoke(main, ["table", "--format", "tsv", str(FIXTURES / "internal-review.txt"), str(FIXTURES / "pointer-answers.txt")])
    lines = result.stdout.splitlines()
    assert len(lines) > 3 and len({line.count("\t") for line in lines}) == 1


def test_failures_are_reported_as_json_and_the_other_threads_still_tabulated(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    good = FIXTURES / "example-council-tax-discounts.txt"
    result = CliRunner().invoke(main, ["table", str(good), str(tmp_path / "empty.txt"), "--errors", "json", "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line) for line in result.stderr.splitlines()] == [{"path": str(tmp_path / "empty.txt"), "error": "empty file"}]
    assert {json.loads(line)["path"] for line in result.stdout.splitlines()} == {str(good)}


def test_a_closed_pipe_ends_the_table_quietly():
    process = subprocess.Popen([sys.executable, "-m", "foiparse", "table", str(FIXTURES), "--glob", "*.txt", "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_each_row_carries_its_own_warnings_and_the_thread_wide_ones():
    result = CliRunner().invoke(main, ["table", str(FIXTURES / "pointer-answers.txt")])
    rows = {r["number"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    status_warning = "the stated status is successful but the replies read as partially_successful"
    assert rows["1"]["warnings"] == f"question 1: answer taken from question 3, where the response points; {status_warning}"
    assert rows["3"]["warnings"] == status_warning
    assert rows["1"]["status"] == "successful" and rows["1"]["outcome"] == "partially_successful"


def test_wide_form_keeps_the_answer_as_written_beside_its_figure_and_unit():
    result = CliRunner().invoke(main, ["table", "--wide", str(FIXTURES / "b2-extension-public-interest.txt")])
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["Q2"], row["Q2 type"], row["Q2 value"], row["Q2 unit"]) == ("£4,350", "number", "4350", "GBP")


def test_standard_input_is_named_plainly_not_as_a_neutralised_formula():
    thread = (FIXTURES / "example-council-tax-discounts.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["table", "-"], input=thread)
    assert {r["path"] for r in csv.DictReader(io.StringIO(result.stdout))} == {"-"}


def test_a_byte_order_mark_for_excel_only_when_asked():
    thread = str(FIXTURES / "example-council-tax-discounts.txt")
    marked = CliRunner().invoke(main, ["table", thread, "--bom"]).stdout_bytes
    assert marked.startswith("\ufeffpath,".encode()) and marked.count("\ufeff".encode()) == 1
    assert CliRunner().invoke(main, ["table", thread]).stdout_bytes.startswith(b"path,")


def test_the_input_format_can_be_forced_as_in_parse():
    thread = str(FIXTURES / "example-council-tax-discounts.txt")
    forced = list(csv.DictReader(io.StringIO(CliRunner().invoke(main, ["table", thread, "--input-format", "text"]).stdout)))
    detected = list(csv.DictReader(io.StringIO(CliRunner().invoke(main, ["table", thread]).stdout)))
    assert "not a WhatDoTheyKnow thread" in forced[0]["warnings"]
    assert "not a WhatDoTheyKnow thread" not in detected[0]["warnings"]


def test_a_byte_order_mark_is_refused_for_json_lines():
    result = CliRunner().invoke(main, ["table", str(FIXTURES / "example-council-tax-discounts.txt"), "--bom", "--format", "jsonl"])
    assert result.exit_code == 2 and "--bom is for CSV and TSV" in result.stderr and result.stdout == ""


def test_json_lines_keep_lists_as_lists_and_wide_columns_follow_the_numbering():
    result = CliRunner().invoke(main, ["table", "--format", "jsonl", str(FIXTURES / "internal-review.txt")])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(isinstance(row["exemptions"], list) and isinstance(row["warnings"], list) for row in rows)
    assert ["s40(2)"] in [row["exemptions"] for row in rows]
    from foiparse.table import wide_rows
    threads = [{"source": {"path": "x"}, "questions": [{"number": n, "answer": None} for n in ("1", "2", "10", "1a", "3ii", "3i", "A1")]}]
    assert [c for c in wide_rows(threads)[0] if c.startswith("Q") and " " not in c] == ["Q1", "Q1a", "Q2", "Q3i", "Q3ii", "Q10", "QA1"]
