"""Shared fixtures: a respx router at DOMAIN, a client, and one `mode` fixture that runs a test sync and async."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import respx

from dify_oapi import Client, RequestOption
from dify_oapi.core import retry

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
def client() -> Iterator[Client]:
    with Client.builder().domain(DOMAIN + "/v1").build() as made:
        yield made


@pytest.fixture
def option() -> RequestOption:
    return RequestOption.builder().api_key(API_KEY).build()


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


def call(mode: str, resource: Any, api: str, *args: Any, **kwargs: Any) -> Any:
    """Call `api` (sync) or `a` + `api` (async, run to completion) on `resource`."""
    if mode == "sync":
        return getattr(resource, api)(*args, **kwargs)
    result = getattr(resource, "a" + api)(*args, **kwargs)
    return asyncio.run(result) if inspect.iscoroutine(result) else result
