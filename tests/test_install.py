"""The package as a reader installs it: a wheel built from the sources, installed into a new venv, run elsewhere.

Nothing is downloaded: the wheel is built by this venv's setuptools (as `pip wheel --no-build-isolation`
would), installed by this venv's pip, and the new venv reaches the already installed dependencies
through a `.pth` file, so only the wheel's own files (code, resources, the `dramatis` command) come
from the install under test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from models.version import APP_VERSION
from tests.conftest import ROOT

SKIP = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache", ".hypothesis", "tests", "bench", "docs"
)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 120) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, check=False, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def build_wheel(tmp_path: Path) -> Path:
    pytest.importorskip(
        "setuptools", reason="building the wheel offline needs setuptools in the venv (requirements.lock)"
    )
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=SKIP)
    dist = tmp_path / "dist"
    # The PEP 517 hook `pip wheel --no-build-isolation` calls, without pip's start-up (the test has a time budget).
    run([sys.executable, "-c", f"import setuptools.build_meta as backend; backend.build_wheel({str(dist)!r})"], source)
    (wheel,) = dist.glob("dramatis-*.whl")
    return wheel


def make_venv(tmp_path: Path) -> Path:
    """A new venv whose only extra is a path to this venv's installed packages (the dependencies)."""
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    run([base, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    purelib = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    deps = sysconfig.get_paths()["purelib"]
    (purelib / "_dramatis_test_dependencies.pth").write_text(f"import site; site.addsitedir({deps!r})\n", "utf-8")
    return venv


@pytest.mark.slow
def test_wheel_installs_a_working_dramatis_command(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    venv = make_venv(tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    # With dependencies but no index: pip checks pyproject's ranges against the locked packages it can see.
    run([str(python), "-m", "pip", "install", "--no-index", "--disable-pip-version-check", str(wheel)], tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin",
        "HOME": str(elsewhere),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(elsewhere / "xdg-data"),
        "DRAMATIS_DATA_DIR": str(elsewhere / "data"),
    }
    # Code and resources come from the installed venv, not from the checkout.
    where = run(
        [
            str(python),
            "-c",
            "import main, gui, models, resources; print(main.__file__, gui.__file__, resources.SAMPLE_ARTICLE)",
        ],
        elsewhere,
        env,
    ).split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    sample = where[2]

    version = run(["dramatis", "--version"], elsewhere, env)
    assert f"Dramatis {APP_VERSION}" in version and "Language model:" in version

    summary = run(["dramatis", "analyze", sample], elsewhere, env)
    assert "Actors (" in summary and "North Korea" in summary and "Dated events" in summary

    shot = elsewhere / "shot.png"
    run(["dramatis", "--screenshot", str(shot), "--size", "900x600"], elsewhere, env)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    run(["dramatis", "--install-desktop"], elsewhere, env)
    entry = (elsewhere / "xdg-data" / "applications" / "dramatis.desktop").read_text("utf-8")
    assert f"Exec={bin_dir / 'dramatis'} %U" in entry
