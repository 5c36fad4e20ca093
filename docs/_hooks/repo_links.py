"""mkdocs hook: a link from a doc to a file outside ``docs/`` (an example script, the LICENSE)
points at that file in the repository, once the file is known to exist, so ``--strict`` still
fails on a link to a file that does not."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_OUTSIDE = re.compile(r"\]\(\.\./([^)#\s]+)(#[^)\s]*)?\)")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:  # noqa: ARG001
    root = Path(config["config_file_path"]).parent
    blob = f"{str(config['repo_url']).rstrip('/')}/blob/main/"

    def link(match: re.Match[str]) -> str:
        target = match.group(1)
        if not (root / target).is_file():
            return match.group(0)  # left as it is: mkdocs reports it
        return f"]({blob}{target}{match.group(2) or ''})"

    return _OUTSIDE.sub(link, markdown)
