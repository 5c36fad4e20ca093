"""The body of ``PUT /v1/conversations/{conversation_id}/variables/{variable_id}``."""

from __future__ import annotations

from typing import Any

from pydantic import Field, JsonValue, ValidationInfo, field_validator

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel

from .types import VariableValueType

# The JSON kind each value_type takes. Dify 1.14.2 also lets a bool pass as a number (Python's bool is
# an int, and it stores 1); we do not. A number variable keeps the kind of what it holds: "integer"
# and "float" say which, "number" takes either.
_NUMBER = (int, float)
_KINDS: dict[str, type | tuple[type, ...]] = {"string": str, "secret": str, "boolean": bool, "object": dict}
_KINDS |= {"number": _NUMBER, "integer": int, "float": float}
# Dify cannot load a conversation variable of these types (its variable factory refuses them), so no
# update of one can succeed.
_NEVER: frozenset[str] = frozenset({"file", "array[file]", "array[any]", "none"})


def _fits(value: JsonValue, kind: str) -> bool:
    if kind.startswith("array["):
        item = kind[len("array[") : -1]
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    return isinstance(value, _KINDS[kind]) and (kind == "boolean" or not isinstance(value, bool))


class UpdateConversationVariableRequestBody(RequestModel):
    # The variable's type, if the caller knows it: a value of another kind is rejected at build(), not sent.
    value_type: VariableValueType | None = Field(None, exclude=True)
    value: JsonValue  # declared after value_type so the check below sees it
    user: Id | None = None

    @field_validator("value")
    @classmethod
    def _value_fits_type(cls, value: JsonValue, info: ValidationInfo) -> JsonValue:
        kind = info.data.get("value_type")
        if value is None:  # Dify answers a null with "missing value" or a type mismatch, whatever the type
            raise ValueError("must not be None: Dify refuses null for every variable type")
        if kind in _NEVER:
            raise ValueError(f"Dify cannot update a variable of type {kind!r} through this API")
        if kind is not None and not _fits(value, kind):
            raise ValueError(f"does not fit value_type {kind!r}")
        return value

    @staticmethod
    def builder() -> UpdateConversationVariableRequestBodyBuilder:
        return UpdateConversationVariableRequestBodyBuilder()


class UpdateConversationVariableRequestBodyBuilder(Builder[UpdateConversationVariableRequestBody]):
    value_type: setter[VariableValueType | None] = setter()
    # Any JSON; build() rejects what JSON cannot carry. (A static JsonValue would refuse a list[str]
    # variable, because list is invariant.)
    value: setter[Any] = setter()
    user: setter[str | None] = setter()
