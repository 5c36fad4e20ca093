"""Client-wide settings; every default lives here."""

from __future__ import annotations

import math
import os
import ssl
from dataclasses import dataclass, field

import httpx
from pydantic import SecretStr

from dify_oapi.core.errors import InvalidRequestError

DEFAULT_DOMAIN = "https://api.dify.ai"
# Read at build() when the builder was not given the setting, as openai-python reads OPENAI_API_KEY.
API_KEY_VARIABLE = "DIFY_API_KEY"
BASE_URL_VARIABLE = "DIFY_BASE_URL"
# Dify pings every 10 s while a stream is open, so 100 s between chunks means the server is gone.
# Blocking replies wait for the whole run; Dify Cloud's edge proxy may cut long ones earlier (its
# limit is undocumented), so long runs belong in streaming mode.
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=100.0, write=30.0, pool=10.0)
DEFAULT_MAX_RETRIES = 2
MAX_RETRIES_LIMIT = 10  # one bound for the client and RequestOption
# Generous caps: a long message_replace or a message_end with many citations is legitimately large.
DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
DEFAULT_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
# Streams: pings do not count as events. A healthy run sends workflow_started at once; a request
# Dify rejects before the run starts gets one ping and 300 s of silence, so 15 s tells the caller early.
DEFAULT_FIRST_EVENT_TIMEOUT = 15.0
# Dify ends any run after APP_MAX_EXECUTION_TIME (1200 s by default), so no healthy gap is longer.
DEFAULT_STREAM_IDLE_TIMEOUT = 1200.0


def normalize_domain(domain: str) -> str:
    """Accept ``https://host``, ``https://host/`` and ``https://host/v1``: routes carry ``/v1`` themselves."""
    domain = domain.strip().rstrip("/")
    if domain.endswith("/v1"):
        domain = domain[: -len("/v1")].rstrip("/")
    return domain


def domain_problem(domain: str) -> str | None:
    """Why ``domain`` (normalised) cannot be the base of every request URL."""
    if not domain.startswith(("http://", "https://")):
        return f"must start with http:// or https://, got {domain!r}"
    try:
        url = httpx.URL(domain)
    except httpx.InvalidURL as exc:
        return f"not a valid URL ({exc})"
    if not url.host or "%" in url.host or any(ch.isspace() for ch in domain):
        return f"has no valid host name, got {domain!r}"
    if url.port is not None and not 0 < url.port < 65536:
        return f"port {url.port} is out of range"
    if url.query or url.fragment or "?" in domain or "#" in domain:
        return "must not carry a query or a fragment: routes are appended to it"
    return None


def proxy_problem(proxy: object) -> str | None:
    """Why ``proxy`` cannot be a proxy URL; never quoting it, as it may hold a password."""
    if not isinstance(proxy, str):
        return f"must be a URL str, got {type(proxy).__name__}"
    try:
        url = httpx.URL(proxy)
    except httpx.InvalidURL:
        return "not a valid URL"
    if url.scheme not in ("http", "https", "socks5", "socks5h") or not url.host:
        return "must be http://, https://, socks5:// or socks5h:// with a host"
    return None


def ssl_context(verify: object) -> ssl.SSLContext | bool:
    """What httpx is given for ``verify``: a CA bundle file or directory is loaded here, once, so a
    missing or unreadable bundle fails at ``build()`` rather than at the first call."""
    if isinstance(verify, (bool, ssl.SSLContext)):
        return verify
    if not isinstance(verify, (str, os.PathLike)):
        raise InvalidRequestError(
            f"Client.verify: must be a CA bundle path, True, False or an ssl.SSLContext, got {type(verify).__name__}"
        )
    path = os.fspath(verify)
    try:
        if os.path.isdir(path):
            return ssl.create_default_context(capath=path)
        return ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as exc:
        error = InvalidRequestError(f"Client.verify: cannot load the CA bundle {path!r} ({exc})")
    raise error


def seconds_problem(value: object) -> str | None:
    """Why ``value`` is not a usable number of seconds (httpx would fail on it, or wait forever)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"must be a number of seconds, got {type(value).__name__}"
    if not math.isfinite(value) or value <= 0:
        return f"must be a positive, finite number of seconds, got {value!r}"
    return None


def timeout_problem(timeout: object) -> str | None:
    """Why ``timeout`` cannot be an ``httpx.Timeout`` whose phases are each unset or positive and finite."""
    if not isinstance(timeout, httpx.Timeout):
        return seconds_problem(timeout)
    for phase, value in timeout.as_dict().items():
        if value is not None and (problem := seconds_problem(value)):
            return f"{phase} {problem}"
    return None


def checked_timeout(owner: str, timeout: float | httpx.Timeout) -> httpx.Timeout:
    if problem := timeout_problem(timeout):
        raise InvalidRequestError(f"{owner}: {problem}")
    return httpx.Timeout(timeout)


def checked_seconds(owner: str, value: object) -> float:
    if problem := seconds_problem(value):
        raise InvalidRequestError(f"{owner}: {problem}")
    return float(value)  # type: ignore[arg-type]  # checked above


@dataclass(frozen=True)
class Config:
    domain: str = DEFAULT_DOMAIN
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = DEFAULT_MAX_RETRIES
    max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    limits: httpx.Limits = field(default_factory=lambda: DEFAULT_LIMITS)
    # Seconds for a whole call, across its retries; None: only the per-phase timeouts bound it.
    deadline: float | None = None
    # Whether the clients we make read proxies and CA certificates from the environment (httpx's rule).
    trust_env: bool = True
    first_event_timeout: float | None = DEFAULT_FIRST_EVENT_TIMEOUT
    stream_idle_timeout: float | None = DEFAULT_STREAM_IDLE_TIMEOUT
    # The key every call sends unless its RequestOption carries one.
    api_key: SecretStr | None = field(default=None, repr=False)
    # For the httpx clients we make; an injected client keeps its own.
    verify: ssl.SSLContext | bool = True
    proxy: str | None = field(default=None, repr=False)  # its URL may hold a password
