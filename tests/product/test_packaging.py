"""What a package index shows: the name, the licence, the Pythons tested, and a README that starts with the install."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10 has no tomllib, and only the metadata tests need it
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_pythons_in_the_classifiers_are_the_pythons_ci_tests() -> None:
    classified = {c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"] if re.fullmatch(r".*:: 3\.\d+", c)}
    loop = re.search(r"for version in ([\d. ]+); do", (ROOT / ".ci" / "extra").read_text(encoding="utf-8"))
    assert loop is not None
    assert classified == set(loop.group(1).split()) == {"3.10", "3.11", "3.12", "3.13"}
    assert PROJECT["requires-python"] == ">=3.10"


def test_the_readme_starts_with_the_install_command_of_this_distribution() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    title, *rest = [line for line in readme.splitlines() if line.strip()]
    assert title.startswith("# ")
    assert rest[:3] == ["```bash", f"pip install {PROJECT['name']}", "```"]
    assert "dify-oapi" in readme and "dify-oapi2" in readme  # why installing both would clash


def test_the_licence_is_mit_and_ships() -> None:
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PROJECT["authors"] and {"Homepage", "Repository", "Issues", "Changelog"} <= set(PROJECT["urls"])


def test_the_web_extra_stays_out_of_the_runtime_dependencies() -> None:
    runtime = {re.split(r"[<>=\[]", dep)[0] for dep in PROJECT["dependencies"]}
    assert runtime == {"httpx", "pydantic", "typing-extensions"}
    assert any(dep.startswith("starlette") for dep in PROJECT["optional-dependencies"]["web"])
