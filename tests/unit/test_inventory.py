"""Everything an API or a stream event needs, listed: a failure names exactly what is missing.

Adding an API or an event touches a fixed set of files (docs/architecture.md, "Adding an API" and
"Adding an event"); these tests read the declarations and check that every one of those files has
its part, so nothing is found missing only when a user trips over it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, get_args, get_type_hints

from dify_oapi.api.chatflow.v1 import model, resource
from dify_oapi.api.chatflow.v1.model.events import ChatflowEvent
from dify_oapi.core.model import Request
from dify_oapi.core.resource import Resource, api
from tests.product.test_examples import EXPECTED_OUTPUT
from tests.wire.test_wire import ROWS

ROOT = Path(__file__).parents[2]
API_DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
STREAMING_DOC = (ROOT / "docs" / "streaming.md").read_text(encoding="utf-8")
WIRE_TESTS = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests" / "wire").glob("test_*.py"))


@dataclass(frozen=True)
class Declared:
    resource: str  # the resource module's name: chatflow, conversation, annotation
    name: str  # the API's method name, which names every file it needs
    request: type[Request]
    written_out: bool  # a method written by hand (streaming), not an api() declaration


def camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def submodules(package: ModuleType) -> list[ModuleType]:
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name != "__main__"  # importing it would start a server
    ]


def declared_apis() -> list[Declared]:
    found = []
    for module in submodules(resource):
        short = module.__name__.rsplit(".", 1)[1]
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, Resource) and cls.__module__ == module.__name__):
                continue
            for name, declared in vars(cls).items():
                # send_chat_message is a descriptor (for .with_raw_response) around a written-out method
                attribute = getattr(declared, "__wrapped__", declared)
                if isinstance(attribute, api):
                    found.append(Declared(short, name, attribute.request, written_out=False))
                elif inspect.isfunction(attribute) and not name.startswith("_") and f"a{name}" in vars(cls):
                    request = get_type_hints(attribute)["request"]
                    found.append(Declared(short, name, request, written_out=True))
    return found


def simulator_handlers() -> set[str]:
    """Every function and method name in the simulator, whether it is one module or a package."""
    simulator = importlib.import_module("dify_oapi.testing.simulator")
    modules = [simulator, *(submodules(simulator) if hasattr(simulator, "__path__") else [])]
    names: set[str] = set()
    for module in modules:
        for value in vars(module).values():
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported from elsewhere
            if inspect.isfunction(value):
                names.add(value.__name__)
            elif inspect.isclass(value):
                names |= {name for name, member in vars(value).items() if inspect.isfunction(member)}
    return names


APIS = declared_apis()
HANDLERS = simulator_handlers()
WIRE_ROWS = {row.api for row in ROWS}


def model_class(module_name: str) -> Any:
    """The class ``model/<module_name>.py`` must hold, or None when the module or class is missing."""
    try:
        module = importlib.import_module(f"{model.__name__}.{module_name}")
    except ModuleNotFoundError:
        return None
    return getattr(module, camel(module_name), None)


def builder_mismatch(cls: Any) -> str | None:
    setters, fields = type(cls.builder()).setters(), set(cls.model_fields)
    if setters == fields:
        return None
    return f"setters {sorted(setters - fields)} without a field, fields {sorted(fields - setters)} without a setter"


def missing_models(declared: Declared) -> list[str]:
    """Its modules at the import paths users know, each holding its class; builders equal to fields."""
    name, missing = declared.name, []
    modules = [f"{name}_request", f"{name}_response"]
    if "request_body" in declared.request.model_fields:
        modules.append(f"{name}_request_body")
    for module_name in modules:
        cls = model_class(module_name)
        if cls is None:
            missing.append(f"model/{module_name}.py holding {camel(module_name)}")
        elif module_name != f"{name}_response" and (mismatch := builder_mismatch(cls)) is not None:
            missing.append(f"{camel(module_name)}Builder: {mismatch}")
    if model_class(f"{name}_request") is not declared.request:
        missing.append(f"the resource to declare {name} with {camel(name)}Request")
    return missing


def missing_around(declared: Declared) -> list[str]:
    """What proves and shows it: a wire test, an example and its output, a docs row."""
    name, missing = declared.name, []
    if declared.written_out:
        if f".{name}(" not in WIRE_TESTS:
            missing.append(f"a wire test in tests/wire/ calling {name}")
    elif name not in WIRE_ROWS:
        missing.append("a row in tests/wire/test_wire.py ROWS")
    example = f"chatflow/{declared.resource}/{name}.py"
    if not (ROOT / "examples" / example).is_file():
        missing.append(f"examples/{example}")
    if example not in EXPECTED_OUTPUT:
        missing.append(f"the expected output of {example} in tests/product/test_examples.py")
    if not re.search(rf"(?m)^\|[^|\n]*\|\s*`{name}[`(]", API_DOC):
        missing.append(f"a row for `{name}` in docs/api.md")
    return missing


def test_the_inventory_finds_every_api() -> None:
    # 15 APIs today; a walk that found none would let every check below pass.
    assert len(APIS) >= 15 and len({api.resource for api in APIS}) >= 3
    assert any(api.written_out for api in APIS)


def test_every_api_has_all_its_parts() -> None:
    missing = {
        f"{api.resource}.{api.name}": parts
        for api in APIS
        if (parts := missing_models(api) + missing_around(api))
    }
    assert missing == {}


def test_every_api_has_a_simulator_handler_named_after_it() -> None:
    assert sorted(api.name for api in APIS if api.name not in HANDLERS) == []


EVENTS = [(cls, tag.tag) for cls, tag in map(get_args, get_args(get_args(ChatflowEvent)[0]))]


def missing_for_event(cls: type[Any], tag: str) -> list[str]:
    if tag == "unknown":
        return (
            []
            if cls.__name__ == "UnknownEvent"
            else [f"the tag 'unknown' is UnknownEvent's alone, not {cls.__name__}'s"]
        )
    missing = []
    literal = get_args(cls.model_fields["event"].annotation)
    if literal != (tag,):
        missing.append(f"its Tag({tag!r}) to equal its event Literal {literal}")
    if getattr(model, cls.__name__, None) is not cls or cls.__name__ not in model.__all__:
        missing.append(f"export from {model.__name__} (and its __all__)")
    if not re.search(rf"(?m)^\| `{cls.__name__}` \| `{tag}` \|", STREAMING_DOC):
        missing.append(f"a row `{cls.__name__}` | `{tag}` in docs/streaming.md")
    return missing


def test_the_inventory_finds_every_event() -> None:
    assert len(EVENTS) >= 24 and ("message_end" in {tag for _, tag in EVENTS})


def test_every_event_has_all_its_parts() -> None:
    missing = {cls.__name__: parts for cls, tag in EVENTS if (parts := missing_for_event(cls, tag))}
    assert missing == {}
