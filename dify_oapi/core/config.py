"""Client-wide settings; every default lives here."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

DEFAULT_DOMAIN = "https://api.dify.ai"
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


@dataclass(frozen=True)
class Config:
    domain: str = DEFAULT_DOMAIN
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = DEFAULT_MAX_RETRIES
    max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    limits: httpx.Limits = field(default_factory=lambda: DEFAULT_LIMITS)
    first_event_timeout: float | None = DEFAULT_FIRST_EVENT_TIMEOUT
    stream_idle_timeout: float | None = DEFAULT_STREAM_IDLE_TIMEOUT
