"""Resources declare their APIs: ``get_conversations = api(GetConversationsRequest, GetConversationsResponse)``."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, Generic, Protocol, TypeVar, overload

from pydantic import BaseModel

from dify_oapi.core.errors import InvalidRequestError
from dify_oapi.core.model import Request
from dify_oapi.core.option import RequestOption
from dify_oapi.core.raw import RawResponse
from dify_oapi.core.transport import Transport

Req = TypeVar("Req", bound=Request)
Req_contra = TypeVar("Req_contra", bound=Request, contravariant=True)
Resp = TypeVar("Resp", bound=BaseModel)
Resp_co = TypeVar("Resp_co", bound=BaseModel, covariant=True)


class Resource:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class ApiMethod(Protocol[Req_contra, Resp_co]):
    """A blocking API as a resource exposes it: ``(request, request_option=None) -> Resp``, and
    ``.with_raw_response(request, request_option=None)`` for the status and headers as well."""

    def __call__(self, request: Req_contra, request_option: RequestOption | None = None) -> Resp_co: ...

    def with_raw_response(
        self, request: Req_contra, request_option: RequestOption | None = None
    ) -> RawResponse[Resp_co]: ...


class AsyncApiMethod(Protocol[Req_contra, Resp_co]):
    """An async API as a resource exposes it: ``await (request, request_option=None) -> Resp``."""

    def __call__(
        self, request: Req_contra, request_option: RequestOption | None = None
    ) -> Coroutine[Any, Any, Resp_co]: ...

    def with_raw_response(
        self, request: Req_contra, request_option: RequestOption | None = None
    ) -> Coroutine[Any, Any, RawResponse[Resp_co]]: ...


def check_request(request: object, expected: type[Request]) -> None:
    # mypy catches this for typed callers; the check keeps untyped callers from sending the wrong route.
    if not isinstance(request, expected):
        raise InvalidRequestError(f"expected {expected.__name__}, got {type(request).__name__}")


class _Declared(Generic[Req, Resp]):
    def __init__(self, request: type[Req], response: type[Resp]) -> None:
        self.request = request
        self.response = response
        self.__doc__ = request.__doc__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name


class _Bound(Generic[Req, Resp]):
    """One declared API of one resource; ``request_option`` is optional: the client's key is used."""

    def __init__(self, declared: _Declared[Req, Resp], transport: Transport) -> None:
        self._transport = transport
        self._request = declared.request
        self._response = declared.response
        self.__doc__ = declared.__doc__


class _BoundApi(_Bound[Req, Resp]):
    def __call__(self, request: Req, request_option: RequestOption | None = None) -> Resp:
        return self.with_raw_response(request, request_option).parse()

    def with_raw_response(
        self, request: Req, request_option: RequestOption | None = None
    ) -> RawResponse[Resp]:
        check_request(request, self._request)
        return self._transport.send_raw(request, request_option, self._response)


class _BoundAsyncApi(_Bound[Req, Resp]):
    async def __call__(self, request: Req, request_option: RequestOption | None = None) -> Resp:
        return (await self.with_raw_response(request, request_option)).parse()

    async def with_raw_response(
        self, request: Req, request_option: RequestOption | None = None
    ) -> RawResponse[Resp]:
        check_request(request, self._request)
        return await self._transport.asend_raw(request, request_option, self._response)


class api(_Declared[Req, Resp]):  # lower case: reads as a declaration
    """A blocking API: ``resource.name(request, request_option=None) -> Resp``."""

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> api[Req, Resp]: ...
    @overload
    def __get__(self, resource: Resource, owner: type[Any]) -> ApiMethod[Req, Resp]: ...
    def __get__(self, resource: Resource | None, owner: type[Any]) -> api[Req, Resp] | ApiMethod[Req, Resp]:
        return self if resource is None else _BoundApi(self, resource._transport)


class aapi(_Declared[Req, Resp]):  # lower case: reads as a declaration
    """The async twin: ``await resource.aname(request, request_option=None) -> Resp``."""

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> aapi[Req, Resp]: ...
    @overload
    def __get__(self, resource: Resource, owner: type[Any]) -> AsyncApiMethod[Req, Resp]: ...
    def __get__(
        self, resource: Resource | None, owner: type[Any]
    ) -> aapi[Req, Resp] | AsyncApiMethod[Req, Resp]:
        return self if resource is None else _BoundAsyncApi(self, resource._transport)
