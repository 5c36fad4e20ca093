"""Pytest fixtures for testing code that uses this client, against the bundled Dify simulator.

Enable it with ``pytest -p dify_oapi.testing.pytest_plugin`` or, in your top-level ``conftest.py``,
``pytest_plugins = ["dify_oapi.testing.pytest_plugin"]``. Then:

- ``dify_simulator``: a running ``Simulator``, fresh for each test;
- ``dify_client``: a ``Client`` pointed at it (closed after the test);
- ``dify_request_option``: a ``RequestOption`` carrying its API key.

Settle the simulator's settings per test with the marker:
``@pytest.mark.dify_simulator(chunk_delay=0.05, suggested_questions=False)``.
Pytest is needed only here; importing the package never imports this module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dify_oapi import Client, RequestOption
from dify_oapi.testing.simulator import Simulator

__all__ = ["dify_client", "dify_request_option", "dify_simulator"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "dify_simulator(**settings): keyword arguments for the Simulator of this test"
    )


@pytest.fixture
def dify_simulator(request: pytest.FixtureRequest) -> Iterator[Simulator]:
    """A Dify simulator on a free loopback port, stopped when the test ends."""
    marker = request.node.get_closest_marker("dify_simulator")
    settings = {} if marker is None else dict(marker.kwargs)
    with Simulator(**settings) as simulator:
        yield simulator


@pytest.fixture
def dify_request_option(dify_simulator: Simulator) -> RequestOption:
    return RequestOption.builder().api_key(dify_simulator.api_key).build()


@pytest.fixture
def dify_client(dify_simulator: Simulator) -> Iterator[Client]:
    with Client.builder().domain(dify_simulator.url).build() as client:
        yield client
