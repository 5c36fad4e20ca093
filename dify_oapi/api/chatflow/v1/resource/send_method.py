"""``send_chat_message`` as an attribute: its overloads on ``__call__``, plus ``with_raw_response``.

A plain method cannot carry ``.with_raw_response``; a descriptor returning a bound object can, and
keeps the overloads that type ``stream=True`` as a stream and the blocking call as its model.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from dify_oapi.core.option import RequestOption
from dify_oapi.core.raw import RawResponse

from ..model.send_chat_message_request import SendChatMessageRequest
from ..model.send_chat_message_response import SendChatMessageResponse
from .chat_stream import AsyncChatStream, ChatStream

if TYPE_CHECKING:
    from .chatflow import Chatflow

F = TypeVar("F", bound=Callable[..., Any])


class _Sender(Generic[F]):
    def __init__(self, send: F) -> None:
        self.__wrapped__ = send  # the inventory and help() read the written-out method through it
        self.__doc__ = send.__doc__


class _BoundSender(Generic[F]):
    def __init__(self, sender: _Sender[F], resource: Chatflow) -> None:
        self._send = sender.__wrapped__
        self._resource = resource
        self.__doc__ = sender.__doc__


class SendChatMessage(_BoundSender[Callable[..., "SendChatMessageResponse | ChatStream"]]):
    """``send_chat_message(request, request_option=None, stream=False, ...)`` of one client."""

    @overload
    def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: Literal[False] = False,
    ) -> SendChatMessageResponse: ...
    @overload
    def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None,
        stream: Literal[True],
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> ChatStream: ...
    @overload
    def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        *,
        stream: Literal[True],
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> ChatStream: ...
    @overload
    def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: bool = False,
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> SendChatMessageResponse | ChatStream: ...
    def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: bool = False,
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> SendChatMessageResponse | ChatStream:
        return self._send(
            self._resource, request, request_option, stream, stop_on_close=stop_on_close, resume=resume
        )

    def with_raw_response(
        self, request: SendChatMessageRequest, request_option: RequestOption | None = None
    ) -> RawResponse[SendChatMessageResponse]:
        """The blocking reply with its status and headers; a stream has no raw form (it has its headers)."""
        return self._resource._send_raw(request, request_option)


class AsyncSendChatMessage(
    _BoundSender[Callable[..., Awaitable["SendChatMessageResponse | AsyncChatStream"]]]
):
    """``await asend_chat_message(request, request_option=None, stream=False, ...)`` of one client."""

    @overload
    async def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: Literal[False] = False,
    ) -> SendChatMessageResponse: ...
    @overload
    async def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None,
        stream: Literal[True],
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> AsyncChatStream: ...
    @overload
    async def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        *,
        stream: Literal[True],
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> AsyncChatStream: ...
    @overload
    async def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: bool = False,
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> SendChatMessageResponse | AsyncChatStream: ...
    async def __call__(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: bool = False,
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> SendChatMessageResponse | AsyncChatStream:
        return await self._send(
            self._resource, request, request_option, stream, stop_on_close=stop_on_close, resume=resume
        )

    async def with_raw_response(
        self, request: SendChatMessageRequest, request_option: RequestOption | None = None
    ) -> RawResponse[SendChatMessageResponse]:
        """The blocking reply with its status and headers; a stream has no raw form (it has its headers)."""
        return await self._resource._asend_raw(request, request_option)


class sender(_Sender[Callable[..., "SendChatMessageResponse | ChatStream"]]):  # lower case: a decorator
    """Makes the written-out ``send_chat_message`` an attribute with ``.with_raw_response``."""

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> sender: ...
    @overload
    def __get__(self, resource: Chatflow, owner: type[Any]) -> SendChatMessage: ...
    def __get__(self, resource: Chatflow | None, owner: type[Any]) -> sender | SendChatMessage:
        return self if resource is None else SendChatMessage(self, resource)


class asender(_Sender[Callable[..., Awaitable["SendChatMessageResponse | AsyncChatStream"]]]):
    """The async twin of ``sender``, for ``asend_chat_message``."""

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> asender: ...
    @overload
    def __get__(self, resource: Chatflow, owner: type[Any]) -> AsyncSendChatMessage: ...
    def __get__(self, resource: Chatflow | None, owner: type[Any]) -> asender | AsyncSendChatMessage:
        return self if resource is None else AsyncSendChatMessage(self, resource)
