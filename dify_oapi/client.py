"""The client: ``Client.builder().domain(...).build()``, then ``client.chatflow.v1.<resource>.<api>``."""

from __future__ import annotations

import weakref
from dataclasses import replace
from types import TracebackType

import httpx

from dify_oapi.api.chatflow.service import ChatflowService
from dify_oapi.core.config import (
    MAX_RETRIES_LIMIT,
    Config,
    checked_seconds,
    checked_timeout,
    domain_problem,
    normalize_domain,
)
from dify_oapi.core.errors import InvalidRequestError
from dify_oapi.core.pools import Pools
from dify_oapi.core.transport import Transport


class Client:
    """Holds one transport (one pooled httpx client per mode); share it across threads and tasks."""

    def __init__(
        self,
        config: Config,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.config = config
        pools = Pools(config, http_client, async_http_client)
        self._transport = Transport(config, pools)
        # Async pools close with their event loops; the sync one closes when this object is freed.
        weakref.finalize(self, pools.close_owned)
        self.chatflow: ChatflowService = ChatflowService(self._transport)

    @staticmethod
    def builder() -> ClientBuilder:
        return ClientBuilder()

    def close(self) -> None:
        self._transport.close()

    async def aclose(self) -> None:
        await self._transport.aclose()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc_info: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<Client {self.config.domain}>"


def _optional_seconds(owner: str, value: float | None) -> float | None:
    return None if value is None else checked_seconds(owner, value)


def _count(name: str, value: int, ceiling: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > (ceiling or value):
        raise InvalidRequestError(
            f"Client.{name}: must be an int from 0 to {ceiling or 'any size'}, got {value!r}"
        )
    return value


class ClientBuilder:
    def __init__(self) -> None:
        self._config = Config()
        self._http_client: httpx.Client | None = None
        self._async_http_client: httpx.AsyncClient | None = None

    def domain(self, domain: str) -> ClientBuilder:
        """``https://api.dify.ai`` or a self-hosted ``http://host``; a trailing ``/v1`` is accepted."""
        self._config = replace(self._config, domain=domain)
        return self

    def timeout(self, timeout: float | httpx.Timeout) -> ClientBuilder:
        self._config = replace(self._config, timeout=checked_timeout("Client.timeout", timeout))
        return self

    def max_retries(self, max_retries: int) -> ClientBuilder:
        self._config = replace(
            self._config, max_retries=_count("max_retries", max_retries, MAX_RETRIES_LIMIT)
        )
        return self

    def max_frame_bytes(self, max_frame_bytes: int) -> ClientBuilder:
        """Cap on one stream frame, against a hostile server; the default never fires on real traffic."""
        self._config = replace(self._config, max_frame_bytes=_count("max_frame_bytes", max_frame_bytes))
        return self

    def max_body_bytes(self, max_body_bytes: int) -> ClientBuilder:
        """Cap on a non-streamed response body."""
        self._config = replace(self._config, max_body_bytes=_count("max_body_bytes", max_body_bytes))
        return self

    def deadline(self, seconds: float) -> ClientBuilder:
        """Seconds a whole call may take, across its retries; for a stream, until its first byte."""
        self._config = replace(self._config, deadline=checked_seconds("Client.deadline", seconds))
        return self

    def first_event_timeout(self, seconds: float | None) -> ClientBuilder:
        """Seconds a stream may send only pings before its first event (``None``: no limit)."""
        self._config = replace(
            self._config, first_event_timeout=_optional_seconds("Client.first_event_timeout", seconds)
        )
        return self

    def stream_idle_timeout(self, seconds: float | None) -> ClientBuilder:
        """Seconds a stream may send only pings between two events (``None``: no limit)."""
        self._config = replace(
            self._config, stream_idle_timeout=_optional_seconds("Client.stream_idle_timeout", seconds)
        )
        return self

    def limits(self, limits: httpx.Limits) -> ClientBuilder:
        self._config = replace(self._config, limits=limits)
        return self

    def trust_env(self, trust_env: bool) -> ClientBuilder:
        """``False``: ignore ``HTTP(S)_PROXY``, ``ALL_PROXY``, ``NO_PROXY``, ``SSL_CERT_FILE`` and
        ``SSL_CERT_DIR`` (httpx reads them by default). For an injected client, set it on that client."""
        if not isinstance(trust_env, bool):
            raise InvalidRequestError(f"Client.trust_env: must be a bool, got {trust_env!r}")
        self._config = replace(self._config, trust_env=trust_env)
        return self

    def http_client(self, client: httpx.Client) -> ClientBuilder:
        """Bring your own ``httpx.Client`` (proxies, transports); the timeout is still set per request."""
        self._http_client = client
        return self

    def async_http_client(self, client: httpx.AsyncClient) -> ClientBuilder:
        self._async_http_client = client
        return self

    def build(self) -> Client:
        config = replace(self._config, domain=normalize_domain(self._config.domain))
        if problem := domain_problem(config.domain):
            raise InvalidRequestError(f"Client.domain: {problem}")
        return Client(config, self._http_client, self._async_http_client)
