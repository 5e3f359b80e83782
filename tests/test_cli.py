"""The command line as a user runs it: documented commands, exit codes, outputs, untouched inputs."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from paths import EXAMPLES_DIR
from reimpact_xl.cli import main
from reimpact_xl.read.reader import read_plan

README = Path(__file__).resolve().parents[1] / "README.md"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_every_command_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for name in main.commands:
        assert f"reimpact-xl {name}" in text, name
        assert main.commands[name].help


def test_new_writes_a_workbook_named_for_the_municipality(tmp_path):
    result = run("new", "-m", "Jelgavas valstspilsēta", "--period", "2025–2027", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "reimpact_jelgavas_valstspilseta.xlsx"
    assert path.exists() and str(path) in result.output
    plan, _ = read_plan(path)
    assert plan.municipality == "Jelgavas valstspilsēta"
    assert plan.cover["plan_period"] == "2025–2027"


def test_new_from_last_year_carries_the_plan_into_a_fresh_workbook(tmp_path):
    last = EXAMPLES_DIR / "dobeles_novads.xlsx"
    before = digest(EXAMPLES_DIR)
    result = run("new", "--from", last, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "reimpact_dobeles_novads.xlsx"
    old_plan, _ = read_plan(last)
    new_plan, _ = read_plan(fresh)
    assert new_plan.municipality == "Dobeles novads"
    for key, table in old_plan.tables.items():
        assert new_plan.tables[key].rows == table.rows, key
    assert digest(EXAMPLES_DIR) == before
    from python_calamine import CalamineWorkbook

    risks = CalamineWorkbook.from_path(str(fresh)).get_sheet_by_name("10 Riski").to_python()
    assert {"vidējs", "augsts"} <= {v for row in risks for v in row}  # the words, not the stored keys
    assert not {"medium", "high"} & {v for row in risks for v in row}


def test_validate_exit_codes_and_json(tmp_path):
    assert run("new", "-m", "Testa novads (sintētisks)", "-o", tmp_path).exit_code == 0
    blank = run("validate", tmp_path / "reimpact_testa_novads_sintetisks.xlsx")
    assert blank.exit_code == 0 and "tukša" in blank.output  # the template sent back unfilled: a warning
    bad = EXAMPLES_DIR / "dobeles_novads.xlsx"
    result = run("validate", "--format", "json", bad)
    assert result.exit_code == 1
    rows = json.loads(result.output)
    assert rows and {"file", "sheet", "cell", "column", "severity", "rule", "message"} <= set(rows[0])
    assert any(r["rule"] == "risk-measures-missing" and r["cell"] for r in rows)
    assert run("validate").exit_code == 2
    assert run("validate", "--format", "xml", bad).exit_code == 2


def test_validate_speaks_english_when_asked():
    result = run("validate", "--lang", "en", EXAMPLES_DIR / "dobeles_novads.xlsx")
    assert "error: " in result.output and "(sheet “10 Risks”" not in result.output
    assert "The risk with level" in result.output


def test_consolidate_a_folder_with_a_broken_file_and_a_lock_file(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("bauskas_novads.xlsx", "jelgavas_novads.xlsx"):
        shutil.copy(EXAMPLES_DIR / name, inbox / name)
    (inbox / "~$bauskas_novads.xlsx").write_bytes(b"lock")
    (inbox / "pielikums.xlsx").write_bytes(b"%PDF-1.4 not a workbook")
    before = digest(inbox)
    out = tmp_path / "out"
    result = run("consolidate", inbox, "-o", out / "regional.xlsx", "--report", out / "report.html",
                 "--feedback", out / "feedback")
    assert result.exit_code == 1  # the examples have errors, and one file is not a workbook
    assert digest(inbox) == before
    assert (out / "regional.xlsx").exists() and (out / "report.html").exists()
    assert "pielikums.xlsx" in result.output and "nenolasāms" in result.output
    assert "Bauskas novads" in result.output and "Jelgavas novads" in result.output
    feedback = sorted(p.name for p in (out / "feedback").iterdir())
    assert "bauskas_novads_atgriezeniska_saite.xlsx" in feedback
    assert any(name.startswith("pielikums") and name.endswith(".html") for name in feedback)


@pytest.mark.parametrize("args", [("consolidate", "nav-tadas-mapes", "-o", "x.xlsx"), ("new", "--lang", "de")])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_the_installed_command_keeps_its_exit_codes(tmp_path):
    """`reimpact-xl`, the console script pip installed, exits as main() decides."""
    command = [str(Path(sys.executable).with_name("reimpact-xl"))]
    empty = tmp_path / "tukšs.xlsx"
    empty.write_bytes(b"")
    assert subprocess.run([*command, "--help"], capture_output=True).returncode == 0
    assert subprocess.run([*command, "validate", str(empty)], capture_output=True).returncode == 1
    assert subprocess.run([*command, "new", "--lang", "de"], capture_output=True).returncode == 2
    example = sorted(EXAMPLES_DIR.glob("*.xlsx"))[0]
    checked = subprocess.run([*command, "validate", str(example)], capture_output=True, text=True)
    in_process = run("validate", str(example))
    assert (checked.returncode, checked.stdout) == (in_process.exit_code, in_process.stdout)
