"""Request and response bases, routes, and the markers that place a field in the path or the query."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

T = TypeVar("T")

HttpMethod = Literal["GET", "POST", "PUT", "DELETE"]


class _Placement:
    def __init__(self, where: str) -> None:
        self.where = where

    def __repr__(self) -> str:
        return f"<{self.where} parameter>"


_PATH = _Placement("path")
_QUERY = _Placement("query")

PathParam = Annotated[T, _PATH]
"""A field that fills ``{name}`` in the route, percent-escaped as one segment."""
QueryParam = Annotated[T, _QUERY]
"""A field sent in the query string; ``None`` is left out."""
Id = Annotated[str, StringConstraints(min_length=1)]
"""A non-empty identifier: an empty id would silently change which route is hit."""


class RequestModel(BaseModel):
    """Frozen, strict and closed: a built request is always valid and never changes."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True, extra="forbid", strict=True, defer_build=True
    )

    @field_validator("*")
    @classmethod
    def _json_can_carry(cls, value: Any) -> Any:
        # Dumped for the wire, NaN and Infinity would go out as null and bytes as text; a lone
        # surrogate would fail inside httpx. Refused here instead, naming the field.
        if (problem := _unsendable(value, "")) is not None:
            raise ValueError(problem)
        return value


def _unsendable(value: object, at: str) -> str | None:
    where = f" (at {at})" if at else ""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"a lone surrogate cannot be sent as JSON{where}"
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} cannot be sent as JSON{where}"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"bytes cannot be sent as JSON, decode them to str first{where}"
    if isinstance(value, dict):
        for key, item in value.items():
            problem = _unsendable(key, at) or _unsendable(item, f"{at}[{key!r}]")
            if problem is not None:
                return problem
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            if (problem := _unsendable(item, f"{at}[{index}]")) is not None:
                return problem
    return None


class ResponseModel(BaseModel):
    """Lenient: fields Dify adds later are kept (``model_extra``), never a crash."""

    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="allow", defer_build=True)


@dataclass(frozen=True)
class Route:
    method: HttpMethod
    path: str
    # A POST that may be sent again after its bytes reached the server; the reason sits on the route.
    resend_safe: bool = False

    @property
    def idempotent(self) -> bool:
        return self.method != "POST" or self.resend_safe


@dataclass(frozen=True)
class HttpParts:
    path: str
    params: tuple[tuple[str, str], ...]
    json: Any


class Request(RequestModel):
    """An API call: ``route`` plus fields placed in the path, the query or ``request_body``."""

    route: ClassVar[Route]
    _path_fields: ClassVar[tuple[str, ...]] = ()
    _query_fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        fields = cls.model_fields.items()
        cls._path_fields = tuple(name for name, info in fields if _PATH in info.metadata)
        cls._query_fields = tuple(name for name, info in fields if _QUERY in info.metadata)

    def http_parts(self) -> HttpParts:
        path = self.route.path
        for name in self._path_fields:
            path = path.replace("{" + name + "}", _segment(getattr(self, name)))
        params = tuple(
            (name, query_value(value))
            for name in self._query_fields
            if (value := getattr(self, name)) is not None
        )
        body = getattr(self, "request_body", None)
        json = body.model_dump(mode="json", exclude_none=True) if body is not None else None
        return HttpParts(path, params, json)


def _segment(value: str) -> str:
    # quote() leaves "." alone, and URL normalisation would turn a ".." id into "go up one level".
    escaped = quote(value, safe="")
    return escaped.replace(".", "%2E") if escaped in (".", "..") else escaped


def query_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
