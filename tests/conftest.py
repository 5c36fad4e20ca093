"""Shared fixtures: a respx router at DOMAIN, a client, and `mode` / `drive`, which run a test sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import respx

from dify_oapi import Client, RequestOption
from dify_oapi.core import retry
from tests.helpers import Driver

DOMAIN = "https://dify.test"
API_KEY = "app-SECRET-MARKER-1f2e3d"
FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=DOMAIN, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
def respx_client() -> Iterator[Client]:
    """A client at DOMAIN, for `router`; suites on real sockets rebind `client`, never this."""
    with Client.builder().domain(DOMAIN + "/v1").build() as made:
        yield made


@pytest.fixture
def respx_option() -> RequestOption:
    return RequestOption.builder().api_key(API_KEY).build()


@pytest.fixture
def client(respx_client: Client) -> Client:
    return respx_client


@pytest.fixture
def option(respx_option: RequestOption) -> RequestOption:
    return respx_option


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Replace the retry wait (a policy input) and record each requested delay."""
    delays: list[float] = []

    async def asleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(retry, "sleep", delays.append)
    monkeypatch.setattr(retry, "asleep", asleep)
    return delays


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def drive(mode: str) -> Iterator[Driver]:
    """The test's scenario in `mode`: the same calls reach the sync or the async API."""
    driver = Driver(mode)
    yield driver
    driver.close()


def call(mode: str, resource: Any, api: str, *args: Any, **kwargs: Any) -> Any:
    """Call `api` (sync) or `a` + `api` (async, run to completion) on `resource`."""
    return Driver(mode).call(resource, api, *args, **kwargs)
