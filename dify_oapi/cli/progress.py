"""The one-line display on stderr of a run's nodes while the first answer token is awaited."""

from __future__ import annotations

import shutil
from typing import TextIO

_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Progress:
    """``⠋ 开始 ✓ LLM…``: redrawn on each node event, erased for good once the answer starts.

    Silent unless ``out`` is a terminal: a log file or a pipe gets no carriage returns.
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._on = out.isatty()
        self._nodes: dict[str, tuple[str, bool]] = {}  # node_id -> (title, finished); keeps start order
        self._frame = 0
        self._shown = False

    def node(self, node_id: str, title: str, *, finished: bool) -> None:
        if not self._on:
            return
        self._nodes[node_id] = (title or node_id, finished)
        self._frame += 1
        parts = (f"{title} ✓" if done else f"{title}…" for title, done in self._nodes.values())
        line = f"{_SPINNER[self._frame % len(_SPINNER)]} {' '.join(parts)}"
        width = shutil.get_terminal_size().columns - 1
        if len(line) > width:  # a wrapped line could not be erased with one carriage return
            line = "…" + line[len(line) - width + 1 :]
        self._out.write(f"\r\x1b[K{line}")
        self._out.flush()
        self._shown = True

    def stop(self) -> None:
        """Erase the line; later node events draw nothing (the answer is on the terminal now)."""
        if self._shown:
            self._out.write("\r\x1b[K")
            self._out.flush()
        self._on = self._shown = False
