"""Builders and models stay in step; every ``model/<module>.py`` holds the class its name implies."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

import pytest

from dify_oapi.api.chatflow.v1 import model
from dify_oapi.core.builder import Builder
from dify_oapi.core.model import RequestModel

SHARED = {
    "common",
    "constraints",
    "events",
    "human_input",
    "types",
}  # modules of shared pieces, named for what they hold
MODULES = {
    info.name: importlib.import_module(f"{model.__name__}.{info.name}")
    for info in pkgutil.iter_modules(model.__path__)
}


def subclasses(cls: type[Any]) -> list[type[Any]]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *subclasses(direct))]


BUILDERS = [b for b in subclasses(Builder) if b.__module__.startswith(model.__name__)]


def test_every_module_was_found() -> None:
    requests = [name for name in MODULES if name.endswith(("_request", "_request_body"))]
    assert len(requests) >= 23  # 15 requests, 8 bodies
    assert len(BUILDERS) == len(requests) + 1  # + ChatFileBuilder


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_setters_equal_model_fields(builder: type[Builder[Any]]) -> None:
    assert builder.setters() == set(builder.model.model_fields)


def class_name(module_name: str) -> str:
    return "".join(part.capitalize() for part in module_name.split("_"))


@pytest.mark.parametrize("name", sorted(set(MODULES) - SHARED))
def test_module_holds_its_class(name: str) -> None:
    module: ModuleType = MODULES[name]
    held: Any = getattr(module, class_name(name))
    assert getattr(model, class_name(name)) is held  # and the package re-exports it
    is_request_model = isinstance(held, type) and issubclass(held, RequestModel)
    if is_request_model:  # requests and bodies come with their builder, in the same module
        assert type(held.builder()) is getattr(module, class_name(name) + "Builder")
