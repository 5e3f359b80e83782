"""The wheel, installed into a fresh virtual environment outside the checkout, runs the whole job."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from paths import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv with only the wheel installed; the dependencies are found in this venv's site-packages
    (appended to its path, so no network is needed and no editable hook of the checkout applies)."""
    base = tmp_path_factory.mktemp("install")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"),
                            str(ROOT)], capture_output=True, text=True)
    if built.returncode:
        pytest.skip(f"the wheel could not be built here (no network for the build backend?): {built.stderr[-300:]}")
    (wheel,) = (base / "dist").glob("reimpact_xl-*.whl")
    env = base / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], check=True)
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env / "bin" / "reimpact-xl"


def _run(command: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(command), *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_the_wheel_carries_the_templates_macros_and_examples(installed):
    (wheel,) = installed.parents[2].glob("dist/*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for folder, pattern in (("templates", ".j2"), ("xlmacros", ".bas"), ("examples", ".yaml")):
        source = ROOT / ("workbook/examples" if folder == "examples" else folder)
        expected = {f"reimpact_xl/assets/{folder}/{p.name}" for p in source.iterdir() if p.name.endswith(pattern)}
        assert expected and expected <= set(names), folder


def test_the_installed_package_runs_the_whole_job_outside_the_checkout(installed, tmp_path):
    made = _run(installed, "new", "-m", "Bauskas novads", "-o", "jaunas", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert _run(installed, "validate", made.stdout.strip(), cwd=tmp_path).returncode == 0
    demo = _run(installed, "demo", "-o", "demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert len(list((tmp_path / "demo" / "inbox").glob("*.xlsx"))) == 5
    assert "Bauskas novads" in (tmp_path / "demo" / "report.html").read_text(encoding="utf-8")
    status = CalamineWorkbook.from_path(str(tmp_path / "demo" / "regional.xlsx")).get_sheet_by_name("Statuss")
    assert len(status.to_python()) == 1 + 5
    examples = _run(installed, "build-examples", "-o", "piemeri", cwd=tmp_path)
    assert examples.returncode == 0 and len(list((tmp_path / "piemeri").glob("*.xlsx"))) == 5


def test_the_installed_package_builds_the_master(installed, tmp_path):
    built = _run(installed, "build-master", "-o", "master.xlsm", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert zipfile.ZipFile(tmp_path / "master.xlsm").read("xl/vbaProject.bin")


def test_a_missing_resource_is_said_clearly_and_fails(installed, tmp_path):
    purelib = next(installed.parents[1].glob("lib/python*/site-packages"))
    examples = purelib / "reimpact_xl" / "assets" / "examples"
    hidden = examples.with_name("examples.hidden")
    examples.rename(hidden)
    try:
        demo = _run(installed, "demo", "-o", "demo", cwd=tmp_path)
        built = _run(installed, "build-examples", "-o", "x", cwd=tmp_path)
    finally:
        hidden.rename(examples)
    for result in (demo, built):
        assert result.returncode != 0
        assert "workbook/examples" in result.stderr and "Traceback" not in result.stderr
