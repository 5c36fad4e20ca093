"""Builders: one typed line per field, validated once at ``build()``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar, get_args, overload

from pydantic import BaseModel, ValidationError

from dify_oapi.core.errors import InvalidRequestError

M = TypeVar("M", bound=BaseModel)
V = TypeVar("V")
B = TypeVar("B", bound="Builder[Any]")


class setter(Generic[V]):  # lower case: it reads as a declaration, `user: setter[str] = setter()`
    """A builder method whose argument type is ``V``: ``builder.user("u-1")`` stores it, returns the builder."""

    name: str

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, builder: None, owner: type[Any]) -> setter[V]: ...
    @overload
    def __get__(self, builder: B, owner: type[Any]) -> Callable[[V], B]: ...
    def __get__(self, builder: B | None, owner: type[Any]) -> setter[V] | Callable[[V], B]:
        if builder is None:
            return self
        values = builder._values
        name = self.name

        def set_value(value: V) -> B:
            values[name] = value
            return builder

        return set_value


class Builder(Generic[M]):
    """Collects field values; ``build()`` validates them into the frozen model ``M``."""

    model: ClassVar[type[BaseModel]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The model class is the generic argument: `class XBuilder(Builder[X])`.
        for base in getattr(cls, "__orig_bases__", ()):
            args = get_args(base)
            if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
                cls.model = args[0]

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def build(self) -> M:
        try:
            return self.model.model_validate(self._values)  # type: ignore[return-value]
        except ValidationError as exc:
            error = InvalidRequestError.from_validation(self.model.__name__, exc)
        # Raised outside the handler so no __context__ keeps pydantic's error, which holds the input.
        raise error

    @classmethod
    def setters(cls) -> set[str]:
        return {name for klass in cls.__mro__ for name, v in vars(klass).items() if isinstance(v, setter)}
