"""Dify's error bodies, and the request checks that produce them, with the texts Dify really sends."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .wire import JSON, Reply, json_reply

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_Issue = tuple[str, str, str, object]  # pydantic error: (location, message, type, input value)

NOT_FOUND_PAGE = (
    b"<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    b"<p>The requested URL was not found on the server. If you entered the URL manually "
    b"please check your spelling and try again.</p>\n"
)


class ApiError(Exception):
    """A Dify error body ``{code, message[, params], status}`` with its HTTP status."""

    def __init__(self, status: int, code: str, message: str, params: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.params = status, code, message, params

    def body(self) -> JSON:
        params = {} if self.params is None else {"params": self.params}
        return {"code": self.code, "message": self.message, **params, "status": self.status}

    def reply(self) -> Reply:
        headers = (("WWW-Authenticate", 'Bearer realm="api"'),) if self.status == 401 else ()
        return json_reply(self.status, self.body(), headers)


class NotFoundPage(Exception):
    """No route matched, or a ``<uuid:>`` segment is not a UUID: Werkzeug's HTML page, not JSON."""

    @staticmethod
    def reply() -> Reply:
        return Reply(404, NOT_FOUND_PAGE, (("Content-Type", "text/html; charset=utf-8"),))


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def invalid(message: str, params: str | None = None) -> ApiError:
    return ApiError(400, "invalid_param", message, params)


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def with_route_hint(error: ApiError, path: str, candidates: str) -> ApiError:
    """Flask-RESTX appends "did you mean" to a 404 when Dify's URL map holds rules close to the path."""
    # Flask-RESTX ends the message with a full stop first ("Form not found" -> "Form not found. You ...").
    hint = f". You have requested this URI [{path}] but did you mean {candidates} ?"
    return ApiError(error.status, error.code, error.message.rstrip(".") + hint, error.params)


def pydantic_error(model: str, *issues: _Issue) -> ApiError:
    """Dify maps pydantic's ValidationError to ``invalid_param`` with ``str(error)`` as message."""
    lines = [f"{len(issues)} validation error{'s' if len(issues) > 1 else ''} for {model}"]
    for loc, msg, kind, value in issues:
        lines += [loc] if loc else []
        lines.append(f"  {msg} [type={kind}, input_value={value!r}, input_type={type(value).__name__}]")
        lines.append(f"    For further information visit https://errors.pydantic.dev/2.12/v/{kind}")
    return invalid("\n".join(lines))


_KINDS: dict[str, tuple[tuple[type, ...], str, str]] = {
    "str": ((str,), "Input should be a valid string", "string_type"),
    "dict": ((dict,), "Input should be a valid dictionary", "dict_type"),
    "bool": ((bool,), "Input should be a valid boolean", "bool_type"),
    "list": ((list,), "Input should be a valid list", "list_type"),
    "number": ((int, float), "Input should be a valid number", "float_type"),
}


def validate(model: str, body: JSON, **fields: str) -> None:
    """Check body fields like pydantic would; ``name="str"`` is required, ``name="str?"`` optional/null."""
    issues: list[_Issue] = []
    for name, spec in fields.items():
        kind, optional = spec.rstrip("?"), spec.endswith("?")
        types, msg, code = _KINDS[kind]
        if name not in body:
            issues += [] if optional else [(name, "Field required", "missing", body)]
            continue
        value = body[name]
        wrong = (isinstance(value, bool) and bool not in types) or not isinstance(value, types)
        if (not optional) if value is None else wrong:
            issues.append((name, msg, code, value))
    if issues:
        raise pydantic_error(model, *issues)


def choice(model: str, name: str, value: object, allowed: Sequence[str]) -> str:
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed[:-1]) + f" or {allowed[-1]!r}"
        raise pydantic_error(model, (name, f"Input should be {options}", "literal_error", value))
    return str(value)


def uuid_arg(query: Mapping[str, str], name: str, model: str, *, required: bool = False) -> str | None:
    value = query.get(name)
    if not value:
        if required:
            raise pydantic_error(model, (name, "Field required", "missing", dict(query)))
        return None
    if not UUID_RE.match(value):
        raise pydantic_error(model, (name, "Input should be a valid UUID", "uuid_parsing", value))
    return value.lower()


def limit_arg(query: Mapping[str, str], model: str) -> int:
    raw = query.get("limit", "20")
    if not raw.strip().lstrip("-").isdigit():
        msg = "Input should be a valid integer, unable to parse string as an integer"
        raise pydantic_error(model, ("limit", msg, "int_parsing", raw))
    if not 1 <= int(raw) <= 100:
        low = int(raw) < 1
        msg = f"Input should be {'greater' if low else 'less'} than or equal to {1 if low else 100}"
        raise pydantic_error(model, ("limit", msg, "greater_than_equal" if low else "less_than_equal", raw))
    return int(raw)


def lenient_int(raw: str | None, default: int) -> int:
    """Flask's ``request.args.get(type=int)``: anything unparsable silently becomes the default."""
    try:
        return default if raw is None else int(raw)
    except ValueError:
        return default
