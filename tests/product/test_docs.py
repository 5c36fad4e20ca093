"""Every Python block in README.md and docs/*.md runs as written, against the simulator.

A page's blocks run in order in one namespace, the way a reader pastes them into one session. The
placeholders a reader replaces (a Dify URL such as ``"https://api.dify.ai"`` or
``"http://localhost/v1"``, and the key ``"app-..."``) are pointed at the simulator; nothing else is
changed, and ``DOMAIN`` and ``CHATFLOW_KEY`` are exported as the simulator prints them. A block that is only an excerpt says so with ``<!-- excerpt -->`` on the line before its
fence, and is skipped.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dify_oapi.testing.simulator import Simulator

ROOT = Path(__file__).parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXCERPT = "<!-- excerpt -->"
_FENCE = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)
_DOMAIN = re.compile(r"""(["'])https?://(?:api\.dify\.ai|localhost|your-host|127\.0\.0\.1)[^"']*\1""")
_KEY = re.compile(r"""(["'])app-\.\.\.\1""")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    source: str
    excerpt: bool

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def _blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        line = text.count("\n", 0, match.start()) + 2  # the block's first line of code
        found.append(Block(page, line, match.group(1), before.strip() == EXCERPT))
    return found


BLOCKS = [block for page in PAGES for block in _blocks(page)]
RUNNABLE = [pytest.param(block, id=block.name) for block in BLOCKS if not block.excerpt]


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator() as sim:
        yield sim


@pytest.fixture(scope="module")
def namespaces() -> dict[Path, dict[str, Any]]:
    return {}


def test_the_docs_have_python_blocks_to_run() -> None:
    assert len(RUNNABLE) >= 10, [block.name for block in BLOCKS]


@pytest.mark.parametrize("block", RUNNABLE)
def test_block_runs_against_the_simulator(
    block: Block,
    simulator: Simulator,
    namespaces: dict[Path, dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOMAIN", simulator.url)
    monkeypatch.setenv("CHATFLOW_KEY", simulator.api_key)
    source = _DOMAIN.sub(repr(simulator.url), block.source)
    source = _KEY.sub(repr(simulator.api_key), source)
    namespace = namespaces.setdefault(block.page, {"__name__": "__docs__"})
    code = compile("\n" * (block.line - 1) + source, str(block.page), "exec")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, namespace)
