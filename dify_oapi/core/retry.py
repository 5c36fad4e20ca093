"""The retry policy, free of I/O: given what happened, how long to wait before trying again, or ``None``.

| Failure                                              | Retried?                                  |
|------------------------------------------------------|-------------------------------------------|
| ConnectError, ConnectTimeout, PoolTimeout            | yes, any method: nothing reached Dify     |
| 429 (not ``rate_limit_error``), 503 in Dify's JSON   | yes, any method: Dify refused before work |
| 429/503 as a gateway's page, 500, 502, 504, timeouts | only idempotent routes                    |
|   or a broken connection before the status line       |                                           |
| ``POST /chat-messages`` once its bytes went out       | never: Dify has no idempotency key        |
| after the first streamed event was handed to the user | never (the stream raises instead)         |
| a file upload once its bytes went out                 | never: a file object cannot be read twice |

A body that breaks after its status line is not retried: the raised error says what happened.
"""

from __future__ import annotations

import email.utils
import math
import random
import time

import httpx

from dify_oapi.core.model import Route

BASE_DELAY = 0.5
MAX_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
JITTER = 0.25

# Module attributes so tests can replace the waiting itself (a policy input, not the code under test).
sleep = time.sleep


async def asleep(delay: float) -> None:
    import asyncio  # here, not at the top: a program that never awaits should not import asyncio

    await asyncio.sleep(delay)


_NOTHING_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_REFUSED_BEFORE_WORK = frozenset({429, 503})
_MAYBE_TRANSIENT = frozenset({500, 502, 504})


def backoff(attempt: int) -> float:
    delay = min(BASE_DELAY * 2.0**attempt, MAX_DELAY)
    return delay * random.uniform(1 - JITTER, 1 + JITTER)


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds from ``Retry-After`` (delta-seconds or an HTTP date); ``None`` when absent or malformed."""
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = max(email.utils.parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
        except (ValueError, TypeError, OverflowError):
            return None
    # float() also reads "nan", "inf" and "-1": none of them is a wait a server can mean.
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def nothing_sent(exc: httpx.RequestError) -> bool:
    return isinstance(exc, _NOTHING_SENT)


def refused_before_work(status: int, code: str | None) -> bool:
    """A 429 or 503 in Dify's own JSON (``code`` set): Dify turned the request away before doing
    anything. A gateway's page with those statuses (``code`` None) may have been sent after the
    request reached Dify ("upstream connect error or disconnect/reset before headers")."""
    return status in _REFUSED_BEFORE_WORK and code is not None


def delay_after_error(route: Route, attempt: int, max_retries: int, exc: httpx.RequestError) -> float | None:
    if attempt >= max_retries:
        return None
    if nothing_sent(exc) or route.idempotent:
        return backoff(attempt)
    return None


def delay_after_status(
    route: Route, attempt: int, max_retries: int, status: int, code: str | None, hinted: float | None
) -> float | None:
    """``hinted`` is the server's ``Retry-After``: honoured up to ``MAX_RETRY_AFTER``; beyond it the
    error is raised at once (with ``retry_after`` on it), so the caller decides whether to wait that long."""
    if attempt >= max_retries or not route.replayable:
        return None
    # rate_limit_error is Dify Cloud's quota: waiting seconds will not clear it.
    if code == "rate_limit_error":
        return None
    transient = status in _REFUSED_BEFORE_WORK or status in _MAYBE_TRANSIENT
    if not (refused_before_work(status, code) or (transient and route.idempotent)):
        return None
    if hinted is None:
        return backoff(attempt)
    return hinted if hinted <= MAX_RETRY_AFTER else None
