"""The client: ``Client.builder().domain(...).build()``, then ``client.chatflow.v1.<resource>.<api>``."""

from __future__ import annotations

import os
import ssl
import weakref
from dataclasses import replace
from types import TracebackType

import httpx
from pydantic import SecretStr

from dify_oapi.api.chatflow.service import ChatflowService
from dify_oapi.core.config import (
    API_KEY_VARIABLE,
    BASE_URL_VARIABLE,
    MAX_RETRIES_LIMIT,
    Config,
    checked_seconds,
    checked_timeout,
    domain_problem,
    normalize_domain,
    proxy_problem,
    ssl_context,
)
from dify_oapi.core.errors import InvalidRequestError
from dify_oapi.core.option import key_problem
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


def _checked_key(owner: str, key: object) -> SecretStr:
    if not isinstance(key, SecretStr):
        raise InvalidRequestError(f"{owner}: must be a str, got {type(key).__name__}")
    if problem := key_problem(key):
        raise InvalidRequestError(f"{owner}: {problem}")
    return key


class ClientBuilder:
    def __init__(self) -> None:
        self._config = Config()
        self._http_client: httpx.Client | None = None
        self._async_http_client: httpx.AsyncClient | None = None
        self._domain_set = False
        self._api_key: SecretStr | None = None
        self._max_connections: int | None = None
        self._max_keepalive: int | None = None

    def domain(self, domain: str) -> ClientBuilder:
        """``https://api.dify.ai`` or a self-hosted ``http://host``; a trailing ``/v1`` is accepted.
        Unset: ``DIFY_BASE_URL`` when set, else ``https://api.dify.ai``."""
        self._config = replace(self._config, domain=domain)
        self._domain_set = True
        return self

    def api_key(self, api_key: str) -> ClientBuilder:
        """The key every call sends unless its ``RequestOption`` carries one. Unset: ``DIFY_API_KEY``."""
        # Wrapped at once, so not even the builder holds the key in clear; checked at build().
        self._api_key = SecretStr(api_key) if isinstance(api_key, str) else api_key
        return self

    def verify(self, verify: str | os.PathLike[str] | bool | ssl.SSLContext) -> ClientBuilder:
        """TLS checks: a CA bundle (file or directory) for a self-signed or private CA, ``False`` to skip
        them (a test server only), or an ``ssl.SSLContext``. For the clients we make, not injected ones."""
        self._config = replace(self._config, verify=ssl_context(verify))
        return self

    def proxy(self, proxy: str | None) -> ClientBuilder:
        """``http://user:pass@proxy:3128`` (``socks5://`` needs ``httpx[socks]``); it wins over
        ``HTTP(S)_PROXY``. For the clients we make, not injected ones."""
        if proxy is not None and (problem := proxy_problem(proxy)):
            raise InvalidRequestError(f"Client.proxy: {problem}")
        self._config = replace(self._config, proxy=proxy)
        return self

    def max_connections(self, max_connections: int) -> ClientBuilder:
        """Connections open at once, per pool (one sync pool, one per event loop); default 1000."""
        self._max_connections = _count("max_connections", max_connections)
        return self

    def max_keepalive_connections(self, max_keepalive_connections: int) -> ClientBuilder:
        """Idle connections kept for reuse, per pool; at most ``max_connections``; default 100."""
        self._max_keepalive = _count("max_keepalive_connections", max_keepalive_connections)
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

    def _limits(self) -> httpx.Limits:
        limits = self._config.limits
        most = limits.max_connections if self._max_connections is None else self._max_connections
        idle = limits.max_keepalive_connections if self._max_keepalive is None else self._max_keepalive
        if most == 0:
            raise InvalidRequestError("Client.max_connections: must be at least 1, got 0")
        if most is not None and idle is not None and idle > most:
            raise InvalidRequestError(
                f"Client.max_keepalive_connections: {idle} is more than max_connections ({most})"
            )
        return httpx.Limits(
            max_connections=most, max_keepalive_connections=idle, keepalive_expiry=limits.keepalive_expiry
        )

    def _from_environment(self, config: Config) -> Config:
        """What the builder was not given, from ``DIFY_API_KEY`` and ``DIFY_BASE_URL`` (empty counts as unset)."""
        if self._api_key is not None:
            config = replace(config, api_key=_checked_key("Client.api_key", self._api_key))
        elif os.environ.get(API_KEY_VARIABLE):  # never bound to a name: a frame's locals would show it
            key = SecretStr(os.environ[API_KEY_VARIABLE])
            config = replace(config, api_key=_checked_key(f"environment {API_KEY_VARIABLE}", key))
        if not self._domain_set and (base_url := os.environ.get(BASE_URL_VARIABLE)):
            if problem := domain_problem(normalize_domain(base_url)):
                raise InvalidRequestError(f"environment {BASE_URL_VARIABLE}: {problem}")
            config = replace(config, domain=base_url)
        return config

    def build(self) -> Client:
        config = self._from_environment(replace(self._config, limits=self._limits()))
        config = replace(config, domain=normalize_domain(config.domain))
        if problem := domain_problem(config.domain):
            raise InvalidRequestError(f"Client.domain: {problem}")
        return Client(config, self._http_client, self._async_http_client)
