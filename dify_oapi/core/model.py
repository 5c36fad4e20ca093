"""Request and response bases, routes, and the markers that place a field in the path or the query."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, TypeVar
from urllib.parse import quote, unquote

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationInfo, field_validator
from typing_extensions import Self

from dify_oapi.core.multipart import FilePart, guess_mime_type, part_content

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
    _file_parts: ClassVar[dict[str, FilePart]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._file_parts = {
            name: marker
            for name, info in cls.model_fields.items()
            for marker in info.metadata
            if isinstance(marker, FilePart)
        }

    @field_validator("*")
    @classmethod
    def _json_can_carry(cls, value: Any, info: ValidationInfo) -> Any:
        # Dumped for the wire, NaN and Infinity would go out as null and bytes as text; a lone
        # surrogate would fail inside httpx. Refused here instead, naming the field.
        if info.field_name in cls._file_parts:
            return value  # sent as the bytes of a multipart part, not as JSON
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


_FILENAME_STAR = re.compile(r"filename\*\s*=\s*[^']*'[^']*'([^;\s]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*(?:"([^"]*)"|([^;\s]+))', re.IGNORECASE)


class BinaryResponse(ResponseModel):
    """A reply that is not JSON: its bytes, and what its headers say of them."""

    content: bytes
    content_type: str | None = None
    file_name: str | None = None  # from Content-Disposition, when the server sent one

    @classmethod
    def from_reply(cls, headers: Mapping[str, str], content: bytes) -> Self:
        disposition = headers.get("content-disposition", "")
        file_name: str | None = None
        if star := _FILENAME_STAR.search(disposition):  # RFC 6266's filename*=UTF-8''%E2%80%A6 wins
            file_name = unquote(star.group(1), errors="replace")  # Dify writes UTF-8
        elif plain := _FILENAME.search(disposition):
            file_name = plain.group(1) if plain.group(1) is not None else plain.group(2)
        return cls(content=content, content_type=headers.get("content-type"), file_name=file_name)


@dataclass(frozen=True)
class Route:
    method: HttpMethod
    path: str
    # A POST that may be sent again after its bytes reached the server; the reason sits on the route.
    resend_safe: bool = False
    # False: the body cannot be sent twice (a file part read from a file object is spent), so once
    # its bytes went out nothing resends it, not even a 429 or 503 that refused it.
    replayable: bool = True

    @property
    def idempotent(self) -> bool:
        return self.method != "POST" or self.resend_safe


@dataclass(frozen=True)
class HttpParts:
    path: str
    params: tuple[tuple[str, str], ...]
    json: Any
    # A body with a file part goes as multipart/form-data instead of JSON: httpx's files= and data=.
    files: tuple[tuple[str, tuple[str, Any, str]], ...] | None = None
    data: dict[str, str] | None = None


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
        if body is not None and body._file_parts:
            return HttpParts(path, params, None, *_multipart(body))
        json = body.model_dump(mode="json", exclude_none=True) if body is not None else None
        return HttpParts(path, params, json)


def _multipart(
    body: RequestModel,
) -> tuple[tuple[tuple[str, tuple[str, Any, str]], ...], dict[str, str]]:
    files, described = [], set()
    for name, part in body._file_parts.items():
        file_name = getattr(body, part.name_field)
        mime_type = getattr(body, part.type_field) or guess_mime_type(file_name)
        files.append((name, (file_name, part_content(getattr(body, name)), mime_type)))
        described |= {name, part.name_field, part.type_field}
    data = {
        name: query_value(value)
        for name in type(body).model_fields
        if name not in described and (value := getattr(body, name)) is not None
    }
    return tuple(files), data


def _segment(value: str) -> str:
    # quote() leaves "." alone, and URL normalisation would turn a ".." id into "go up one level".
    escaped = quote(value, safe="")
    return escaped.replace(".", "%2E") if escaped in (".", "..") else escaped


def query_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
