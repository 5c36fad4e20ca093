"""The body of ``PUT /v1/conversations/{conversation_id}/variables/{variable_id}`` (§8.2)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, JsonValue, ValidationInfo, field_validator

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel

from .types import VariableValueType

# §8.2: the JSON kind each value_type takes (Dify stores integer as number). file, array[file] and
# none are left to Dify: their shape is unconfirmed.
_NUMBER = (int, float)
_KINDS: dict[str, type | tuple[type, ...]] = {"string": str, "secret": str, "boolean": bool, "object": dict}
_KINDS |= {"number": _NUMBER, "integer": _NUMBER, "float": _NUMBER, "any": object}  # any: of array[any]


def _fits(value: JsonValue, kind: str) -> bool:
    if kind.startswith("array["):
        item = kind[len("array[") : -1]
        return item not in _KINDS or (isinstance(value, list) and all(_fits(v, item) for v in value))
    expected = _KINDS.get(kind, object)
    # bool is an int to Python, but not a number to Dify.
    return isinstance(value, expected) and (expected in (bool, object) or not isinstance(value, bool))


class UpdateConversationVariableRequestBody(RequestModel):
    # The variable's type, if the caller knows it: a value of another kind is rejected at build(), not sent.
    value_type: VariableValueType | None = Field(None, exclude=True)
    value: JsonValue  # declared after value_type so the check below sees it
    user: Id | None = None

    @field_validator("value")
    @classmethod
    def _value_fits_type(cls, value: JsonValue, info: ValidationInfo) -> JsonValue:
        kind = info.data.get("value_type")
        if value is None:  # null would be dropped from the body, leaving out a field Dify requires
            raise ValueError("must not be None")
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
