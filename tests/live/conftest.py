"""The real Dify 1.14.2 beside the repository (``../shared/realdify``), for the live tests.

``.ci/run`` starts it and exports ``LIVE_DOMAIN``, ``LIVE_CHATFLOW_KEY``, ``LIVE_SLOW_CHATFLOW_KEY`` and
``LIVE_FAILING_CHATFLOW_KEY``; the names carry a prefix so the other tests, which run the examples and
the command line without ``DOMAIN``, never reach the real server by accident. Without them the
fixture starts the server through ``setup.sh`` itself, and where that script is absent (a user's own
clone) every live test skips with one line saying why.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dify_oapi import Client
from tests.live.driver import AsyncDriver, Driver

SETUP = Path(__file__).resolve().parents[3] / "shared" / "realdify" / "setup.sh"
NAMES = ("DOMAIN", "CHATFLOW_KEY", "SLOW_CHATFLOW_KEY", "FAILING_CHATFLOW_KEY")


@dataclass(frozen=True)
class RealDify:
    domain: str
    key: str
    slow_key: str
    failing_key: str


def _from_setup() -> dict[str, str]:
    done = subprocess.run(
        ["bash", str(SETUP)], capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL
    )
    if done.returncode != 0:
        pytest.fail(f"{SETUP} exited {done.returncode}: {done.stderr.strip().splitlines()[-1:]}")
    last = done.stdout.strip().splitlines()[-1]
    return dict(pair.split("=", 1) for pair in shlex.split(last))


@pytest.fixture(scope="session")
def real_dify() -> RealDify:
    found = {name: os.environ.get("LIVE_" + name, "") for name in NAMES}
    if not all(found.values()):
        if not SETUP.is_file():
            pytest.skip(f"no real Dify: {SETUP} is absent (it ships beside the project's own checkout)")
        found = _from_setup()
    return RealDify(
        found["DOMAIN"], found["CHATFLOW_KEY"], found["SLOW_CHATFLOW_KEY"], found["FAILING_CHATFLOW_KEY"]
    )


@pytest.fixture(params=[Driver, AsyncDriver], ids=["sync", "async"])
def d(request: pytest.FixtureRequest, real_dify: RealDify) -> Iterator[Driver]:
    """The echo app, through the sync and then the async client."""
    driver: Driver = request.param(Client.builder().domain(real_dify.domain).build(), real_dify.key)
    yield driver
    driver.close()
