"""Per-request options: the API key, and overrides of the client's timeout, retries and headers."""

from __future__ import annotations

from typing import Annotated, ClassVar

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints, field_validator
from typing_extensions import Self

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.config import MAX_RETRIES_LIMIT

_HEADER_NAME = Annotated[str, StringConstraints(pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]


class RequestOption(BaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True, extra="forbid", strict=True, arbitrary_types_allowed=True, defer_build=True
    )

    # The key lives only here and in BearerAuth; SecretStr keeps it out of reprs and dumps.
    api_key: SecretStr
    timeout: float | httpx.Timeout | None = None
    max_retries: int | None = Field(default=None, ge=0, le=MAX_RETRIES_LIMIT)
    headers: dict[_HEADER_NAME, str] = Field(default_factory=dict)

    @field_validator("api_key")
    @classmethod
    def _key_not_blank(cls, key: SecretStr) -> SecretStr:
        value = key.get_secret_value()
        if not value.strip() or any(ch in value for ch in "\r\n"):
            raise ValueError("must be a non-empty single-line string")
        return key

    @field_validator("headers")
    @classmethod
    def _no_line_breaks(cls, headers: dict[str, str]) -> dict[str, str]:
        # A CR or LF in a value would let a caller's input forge extra header lines.
        for name, value in headers.items():
            if any(ch in value for ch in "\r\n\0"):
                raise ValueError(f"header {name!r} contains a line break")
        return headers

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
    headers: setter[dict[str, str]] = setter()
