"""Auto-pagination: every item of a list API, one request per page, fetched only when needed.

Declared once per API on a resource, like ``api``/``aapi``::

    iter_conversations = pages(GetConversationsRequest, GetConversationsResponse, after_last_id)
    aiter_conversations = apages(GetConversationsRequest, GetConversationsResponse, after_last_id)

``next_request(request, page)`` returns the request for the page after ``page``, or ``None`` when
``page`` was the last. It is only asked about pages that hold items: an empty page always ends the walk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, overload

from pydantic import BaseModel, ValidationError

from dify_oapi.core.errors import ResponseValidationError, field_errors
from dify_oapi.core.model import Request
from dify_oapi.core.option import RequestOption
from dify_oapi.core.resource import Resource, _Declared, check_request

Req = TypeVar("Req", bound=Request)
Resp = TypeVar("Resp", bound=BaseModel)
# Unbound, unlike Resp: `Pager[Req, _Listed[Item]]` (a protocol) must be a valid type to read Item from.
Page_co = TypeVar("Page_co", covariant=True)
P = TypeVar("P", bound="_Listed[Any]")
Item = TypeVar("Item")
T_co = TypeVar("T_co", covariant=True)


class _Listed(Protocol[T_co]):
    @property
    def data(self) -> Sequence[T_co]: ...


class _Page(_Listed[T_co], Protocol[T_co]):
    @property
    def has_more(self) -> bool: ...


class _NumberedPage(_Page[T_co], Protocol[T_co]):
    @property
    def page(self) -> int: ...
    @property
    def limit(self) -> int: ...
    @property
    def total(self) -> int: ...


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class _Dated(_Identified, Protocol):
    @property
    def created_at(self) -> int | None: ...  # nullable in Dify's response model


def after_last_id(request: Req, page: _Page[_Identified]) -> Req | None:
    """Keyset ``last_id`` (conversations, variables): resume after this page's last item; ``has_more`` is exact."""
    return _with(request, "last_id", page.data[-1].id) if page.has_more else None


def before_first_id(request: Req, page: _Page[_Dated]) -> Req | None:
    """Keyset ``first_id`` (messages): the next page holds the messages older than this page's oldest."""
    if not page.has_more:
        return None
    first, last = page.data[0], page.data[-1]
    # Dify sends a page oldest first, but that is unconfirmed for the newest servers: take the older end.
    oldest = first if (first.created_at or 0) <= (last.created_at or 0) else last
    return _with(request, "first_id", oldest.id)


_MAX_ANNOTATIONS_PER_PAGE = 100  # Dify's max_per_page for the annotation list


def next_page_number(request: Req, page: _NumberedPage[object]) -> Req | None:
    """Numbered pages (annotations): ``has_more`` only says ``len(data) == limit``, so ``total`` decides."""
    # Dify serves at most 100 a page but echoes the limit asked: the page size is the smaller of the two.
    per_page = min(page.limit, _MAX_ANNOTATIONS_PER_PAGE)
    return _with(request, "page", page.page + 1) if page.page * per_page < page.total else None


_DEFAULT_LIMIT = 20  # Dify's page size when the request sets no limit


def next_page_until_short(request: Req, page: _Listed[object]) -> Req | None:
    """Numbered pages with no count (feedbacks): Dify serves exactly ``limit`` rows a page, so a
    shorter page is the last; a full one may be too, and then the next page comes back empty."""
    limit, number = getattr(request, "limit", None), getattr(request, "page", None)
    return _with(request, "page", (number or 1) + 1) if len(page.data) >= (limit or _DEFAULT_LIMIT) else None


def _with(request: Req, cursor: str, value: object) -> Req:
    """The same request with the cursor moved, validated again: the value comes from the server."""
    model = type(request)
    if cursor not in model.model_fields:  # a typo would otherwise fetch the same page forever
        raise TypeError(f"{model.__name__} has no {cursor!r} to page with")
    try:
        return model.model_validate({**dict(request), cursor: value})
    except ValidationError as exc:
        error = ResponseValidationError(f"the server's next-page cursor: {field_errors(exc, model.__name__)}")
    raise error


def _follow(
    next_request: Callable[[Req, P], Req | None], request: Req, page: P, seen: set[str]
) -> Req | None:
    """The next page's request. ``seen`` holds every request of this walk: a server that ignores the
    cursor, or sends one it sent before (A, B, A), would otherwise be asked forever."""
    following = next_request(request, page) if page.data else None
    if following is not None:
        key = following.model_dump_json()
        if key in seen:
            raise ResponseValidationError(
                f"{type(request).__name__}: the next page's request is this one again or an earlier one "
                "(the server's cursor goes round in a cycle)"
            )
        seen.add(key)
    return following


@dataclass(frozen=True)
class _Bound(Generic[Req, Page_co]):
    request_type: type[Req]
    next_request: Callable[[Req, Page_co], Req | None]


@dataclass(frozen=True)
class Pager(_Bound[Req, Page_co]):
    """``resource.iter_x(request, request_option=None)``: an iterator over every item of every page."""

    fetch: Callable[[Req, RequestOption | None], Page_co]

    def __call__(
        self: Pager[Req, _Listed[Item]], request: Req, request_option: RequestOption | None = None
    ) -> Iterator[Item]:
        check_request(request, self.request_type)  # now, not at the first next()
        return self._walk(request, request_option)

    def _walk(self: Pager[Req, _Listed[Item]], request: Req, option: RequestOption | None) -> Iterator[Item]:
        current: Req | None = request
        seen = {request.model_dump_json()}
        while current is not None:
            page = self.fetch(current, option)
            yield from page.data
            current = _follow(self.next_request, current, page, seen)


@dataclass(frozen=True)
class AsyncPager(_Bound[Req, Page_co]):
    """``resource.aiter_x(request, request_option=None)``: an async iterator over every item of every page."""

    fetch: Callable[[Req, RequestOption | None], Awaitable[Page_co]]

    def __call__(
        self: AsyncPager[Req, _Listed[Item]], request: Req, request_option: RequestOption | None = None
    ) -> AsyncIterator[Item]:
        check_request(request, self.request_type)
        return self._walk(request, request_option)

    async def _walk(
        self: AsyncPager[Req, _Listed[Item]], request: Req, option: RequestOption | None
    ) -> AsyncIterator[Item]:
        current: Req | None = request
        seen = {request.model_dump_json()}
        while current is not None:
            page = await self.fetch(current, option)
            for item in page.data:
                yield item
            current = _follow(self.next_request, current, page, seen)


class _Paged(_Declared[Req, Resp]):
    def __init__(
        self, request: type[Req], response: type[Resp], next_request: Callable[[Req, Resp], Req | None]
    ) -> None:
        super().__init__(request, response)
        self.next_request = next_request


class pages(_Paged[Req, Resp]):  # lower case: reads as a declaration
    """``resource.iter_x(request, request_option) -> Iterator[Item]``, walking the pages lazily."""

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> pages[Req, Resp]: ...
    @overload
    def __get__(self, resource: Resource, owner: type[Any]) -> Pager[Req, Resp]: ...
    def __get__(self, resource: Resource | None, owner: type[Any]) -> pages[Req, Resp] | Pager[Req, Resp]:
        if resource is None:
            return self
        send, into = resource._transport.send, self.response
        return Pager(self.request, self.next_request, lambda request, option: send(request, option, into))


class apages(_Paged[Req, Resp]):  # lower case: reads as a declaration
    """``resource.aiter_x(request, request_option) -> AsyncIterator[Item]``: the async twin of ``pages``."""

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> apages[Req, Resp]: ...
    @overload
    def __get__(self, resource: Resource, owner: type[Any]) -> AsyncPager[Req, Resp]: ...
    def __get__(
        self, resource: Resource | None, owner: type[Any]
    ) -> apages[Req, Resp] | AsyncPager[Req, Resp]:
        if resource is None:
            return self
        asend, into = resource._transport.asend, self.response
        return AsyncPager(
            self.request, self.next_request, lambda request, option: asend(request, option, into)
        )
