"""Routes as data: each resource module declares its handlers against one ``Routes`` table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .errors import UUID_RE, ApiError, NotFoundPage, invalid
from .faults import Fault
from .wire import JSON, Reply, Request

if TYPE_CHECKING:
    from .app import App

DEFAULT_USER = "DEFAULT-USER"  # Dify's end user when an optional ``user`` is omitted


@dataclass
class Call:
    """One request as a handler sees it: path parameters, query, JSON body and the fault it carries."""

    path: str
    params: list[str]
    query: dict[str, str]
    body: JSON
    fault: Fault | None
    request: Request | None = None  # the raw request, for a body that is not JSON (a multipart upload)

    def user(self, *, required: bool = False, from_query: bool = False) -> str:
        value = (self.query if from_query else self.body).get("user")
        if required and not value:
            raise invalid("Arg user must be provided.")
        return str(value) if value else DEFAULT_USER


Handler = Callable[["App", Call], Reply]


@dataclass(frozen=True)
class Route:
    method: str
    segments: tuple[str, ...]  # literal segments, "{uuid}" (Flask's <uuid:>) or "{str}"
    handler: Handler
    json_body: bool  # Dify's auth wrapper reads ``user`` from a JSON body here
    not_found_hint: str | None  # Flask-RESTX's "did you mean" candidates, as Dify's URL map yields them

    def match(self, parts: Sequence[str]) -> list[str] | None:
        if len(parts) != len(self.segments):
            return None
        params = []
        for pattern, part in zip(self.segments, parts, strict=True):
            if pattern == "{uuid}" and UUID_RE.match(part):
                params.append(part.lower())
            elif pattern == "{str}" and part and "/" not in part:
                params.append(part)
            elif pattern != part:
                return None
        return params


class Routes:
    """A resource's routes; ``@routes.add("POST", "/v1/...")`` declares a handler."""

    def __init__(self) -> None:
        self.table: list[Route] = []

    def add(
        self, method: str, path: str, *, json_body: bool = False, not_found_hint: str | None = None
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.table.append(Route(method, tuple(path.split("/")), handler, json_body, not_found_hint))
            return handler

        return register


def find(routes: Sequence[Route], method: str, path: str) -> tuple[Route, list[str]]:
    # Werkzeug matches decoded segments, so an id carrying %2F can never match a route.
    parts = [unquote(part) for part in path.split("/")]
    path_known = False
    for route in routes:
        params = route.match(parts)
        if params is not None and route.method == method:
            return route, params
        path_known = path_known or params is not None
    if path_known:
        raise ApiError(405, "method_not_allowed", "The method is not allowed for the requested URL.")
    raise NotFoundPage
