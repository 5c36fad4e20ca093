"""Every builder setter declares the type it takes, and takes None exactly where its field is optional."""

from __future__ import annotations

import importlib
import pkgutil
import types
import typing
from typing import Any, get_args, get_origin

import pytest

import dify_oapi.api.chatflow.v1.model as model_package
from dify_oapi import RequestOption
from dify_oapi.api.chatflow.v1.model import GetConversationsRequest, SendChatMessageRequestBody
from dify_oapi.core.builder import Builder, setter


def _builders() -> list[type[Builder[Any]]]:
    for info in pkgutil.iter_modules(model_package.__path__):
        importlib.import_module(f"{model_package.__name__}.{info.name}")
    importlib.import_module("dify_oapi.core.option")
    found: list[type[Builder[Any]]] = []
    pending: list[type[Builder[Any]]] = list(Builder.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: cls.__qualname__)


def _accepts_none(annotation: Any) -> bool:
    return annotation is type(None) or any(_accepts_none(arg) for arg in get_args(annotation))


BUILDERS = _builders()
SETTERS = [
    pytest.param(builder, name, id=f"{builder.__name__}.{name}")
    for builder in BUILDERS
    for name in sorted(builder.setters())
]


def test_every_model_builder_is_found() -> None:
    assert len(BUILDERS) >= 25


@pytest.mark.parametrize(("builder", "name"), SETTERS)
def test_setter_is_annotated_and_optional_where_its_field_is(builder: type[Builder[Any]], name: str) -> None:
    hints = typing.get_type_hints(builder)
    assert name in hints, (
        f"{builder.__name__}.{name}: write `{name}: setter[T] = setter()` so type checkers see T"
    )
    declared = hints[name]
    assert get_origin(declared) is setter
    (takes,) = get_args(declared)
    field = builder.model.model_fields[name]
    assert _accepts_none(takes) == _accepts_none(field.annotation), (
        f"{builder.__name__}.{name} takes {takes}, the field is {field.annotation}"
    )


def test_optional_setters_take_none_at_build() -> None:
    request = GetConversationsRequest.builder().user(None).last_id(None).limit(None).build()
    body = SendChatMessageRequestBody.builder().query("q").user("u").conversation_id(None).build()
    option = RequestOption.builder().api_key("app-1").timeout(None).max_retries(None).build()
    assert (request.user, request.last_id, body.conversation_id, option.timeout) == (None, None, None, None)


def test_union_helper_sees_none_in_every_spelling() -> None:
    assert _accepts_none(int | None) and _accepts_none(typing.Optional[int])  # noqa: UP045
    assert not _accepts_none(int) and isinstance(int | None, types.UnionType)
