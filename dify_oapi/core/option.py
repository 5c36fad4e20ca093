"""Per-request options: the API key, and overrides of the client's timeout, retries and headers.

Every field is optional: an option without ``api_key`` sends with the client's key.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints, field_validator
from typing_extensions import Self

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.config import MAX_RETRIES_LIMIT, timeout_problem
from dify_oapi.core.model import _unsendable

# What an HTTP/1.1 field value can carry (RFC 9110 5.5; httpx encodes values as ASCII).
_VALUE = re.compile(r"[!-~]([ \t!-~]*[!-~])?|")
_KEY = re.compile(r"[!-~]+")
# Framing and routing belong to the client: a caller's Transfer-Encoding beside our Content-Length is
# a request-smuggling shape, and Authorization would bypass the key's handling.
_OURS = frozenset(
    {
        "authorization",
        "connection",
        "content-length",
        "expect",
        "host",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


def key_problem(key: SecretStr) -> str | None:
    """Why HTTP cannot carry ``key``, in words that never quote it. Checked before sending, not by h11
    at send time: its error would quote the whole header."""
    if not _KEY.fullmatch(key.get_secret_value()):
        return "must be non-empty printable ASCII without spaces (check for a pasted newline or space)"
    return None


_HEADER_NAME = Annotated[str, StringConstraints(pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]


class RequestOption(BaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True, extra="forbid", strict=True, arbitrary_types_allowed=True, defer_build=True
    )

    # The key lives only here, in Config and in BearerAuth; SecretStr keeps it out of reprs and dumps.
    # None (not set): the client's key is used.
    api_key: SecretStr | None = None
    timeout: float | httpx.Timeout | None = None
    max_retries: int | None = Field(default=None, ge=0, le=MAX_RETRIES_LIMIT)
    deadline: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    headers: dict[_HEADER_NAME, str] = Field(default_factory=dict)
    # Streams only; None keeps the client's setting.
    first_event_timeout: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    stream_idle_timeout: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # Escape hatches for fields a newer Dify accepts and our models do not declare yet. Merged into
    # what is sent; a name the request itself declares is refused before sending, never overridden.
    extra_body: dict[str, Any] = Field(default_factory=dict)
    extra_query: dict[str, str | int | float | bool] = Field(default_factory=dict)

    @field_validator("api_key", mode="before")
    @classmethod
    def _key_given(cls, key: object) -> object:
        # Only an explicit None gets here (defaults are not validated): a caller meant to pass a key.
        if key is None:
            raise ValueError("must be a str; leave it unset to send with the client's key")
        return key

    @field_validator("api_key")
    @classmethod
    def _key_sendable(cls, key: SecretStr) -> SecretStr:
        if problem := key_problem(key):
            raise ValueError(problem)
        return key

    @field_validator("timeout")
    @classmethod
    def _usable_timeout(cls, timeout: float | httpx.Timeout | None) -> float | httpx.Timeout | None:
        if timeout is not None and (problem := timeout_problem(timeout)):
            raise ValueError(problem)
        return timeout

    @field_validator("headers")
    @classmethod
    def _headers_sendable(cls, headers: dict[str, str]) -> dict[str, str]:
        for name, value in headers.items():
            if name.lower() in _OURS:
                raise ValueError(f"{name!r} is set by the client itself (framing, routing or the key)")
            # A CR or LF in a value would let a caller's input forge extra header lines.
            if not _VALUE.fullmatch(value):
                raise ValueError(
                    f"header {name!r}: only printable ASCII, spaces and tabs inside, none at either end"
                )
        return headers

    @field_validator("extra_body")
    @classmethod
    def _body_sendable(cls, extra: dict[str, Any]) -> dict[str, Any]:
        if (problem := _unsendable(extra, "")) is not None:
            raise ValueError(problem)
        return extra

    @field_validator("extra_query")
    @classmethod
    def _query_sendable(
        cls, extra: dict[str, str | int | float | bool]
    ) -> dict[str, str | int | float | bool]:
        for name, value in extra.items():
            if not name:
                raise ValueError("an empty parameter name")
            if (problem := _unsendable(name, "") or _unsendable(value, f"[{name!r}]")) is not None:
                raise ValueError(problem)
        return extra

    @staticmethod
    def builder() -> RequestOptionBuilder:
        return RequestOptionBuilder()


class RequestOptionBuilder(Builder[RequestOption]):
    def api_key(self, api_key: str) -> Self:
        # Wrapped at once, so not even the builder holds the key in clear.
        self._values["api_key"] = SecretStr(api_key) if isinstance(api_key, str) else api_key
        return self

    timeout: setter[float | httpx.Timeout | None] = setter()
    max_retries: setter[int | None] = setter()
    deadline: setter[float | None] = setter()
    headers: setter[dict[str, str]] = setter()
    first_event_timeout: setter[float | None] = setter()
    stream_idle_timeout: setter[float | None] = setter()
    extra_body: setter[dict[str, Any]] = setter()
    extra_query: setter[dict[str, str | int | float | bool]] = setter()
