"""The chatflow resource: send (blocking or streamed), stop, suggested questions."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from dify_oapi.core.errors import APITimeoutError, DifyError, InvalidRequestError
from dify_oapi.core.option import RequestOption
from dify_oapi.core.raw import RawResponse
from dify_oapi.core.resource import Resource, aapi, api, check_request

from ..model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from ..model.get_suggested_questions_response import GetSuggestedQuestionsResponse
from ..model.send_chat_message_request import SendChatMessageRequest
from ..model.send_chat_message_response import SendChatMessageResponse
from ..model.stop_chat_message_request import StopChatMessageRequest
from ..model.stop_chat_message_request_body import StopChatMessageRequestBody
from ..model.stop_chat_message_response import StopChatMessageResponse
from .chat_stream import AsyncChatStream, ChatStream
from .event_reader import ChatflowEventReader
from .resume import Reattach, aresuming, resuming
from .send_method import asender, sender
from .workflow import aopen_events, open_events

if TYPE_CHECKING:
    import asyncio

logger: logging.Logger = logging.getLogger("dify_oapi")
# The stop runs inside close(), often while a cancelled task or Ctrl-C unwinds: it gets one short
# attempt (stop is idempotent, but the caller is leaving), never the stream's long read timeout.
STOP_TIMEOUT = 2.0
_stopping: set[asyncio.Future[None]] = set()  # stops under way, kept from garbage collection


def _with_mode(request: SendChatMessageRequest, stream: bool) -> SendChatMessageRequest:
    check_request(request, SendChatMessageRequest)
    mode = "streaming" if stream else "blocking"
    body = request.request_body
    if body.response_mode is None:
        return request.model_copy(update={"request_body": body.model_copy(update={"response_mode": mode})})
    if body.response_mode != mode:
        raise InvalidRequestError(
            f"SendChatMessageRequestBody.response_mode: {body.response_mode!r} contradicts stream={stream}"
        )
    return request


def _stop_request(
    reader: ChatflowEventReader, request: SendChatMessageRequest
) -> StopChatMessageRequest | None:
    if reader.task_id is None:  # nothing arrived yet, so there is no task to stop
        return None
    body = StopChatMessageRequestBody.builder().user(request.request_body.user).build()
    return StopChatMessageRequest.builder().task_id(reader.task_id).request_body(body).build()


def _stop_option(option: RequestOption | None) -> RequestOption:
    # Without an option (or without a key in it) the stop goes out with the client's key, as the chat did.
    base = option or RequestOption()
    return base.model_copy(update={"timeout": STOP_TIMEOUT, "max_retries": 0})


def _stop_failed(stop: StopChatMessageRequest, exc: DifyError) -> None:
    # Closing must not fail because the stop call did; the run then ends on Dify's own timeout.
    logger.warning("stop_on_close: could not stop task %s: %s", stop.task_id, exc)


class Chatflow(Resource):
    stop_chat_message = api(StopChatMessageRequest, StopChatMessageResponse)
    astop_chat_message = aapi(StopChatMessageRequest, StopChatMessageResponse)
    get_suggested_questions = api(GetSuggestedQuestionsRequest, GetSuggestedQuestionsResponse)
    aget_suggested_questions = aapi(GetSuggestedQuestionsRequest, GetSuggestedQuestionsResponse)

    @sender
    def send_chat_message(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: bool = False,
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> SendChatMessageResponse | ChatStream:
        """``POST /v1/chat-messages``; with ``stream=True`` a ``Stream`` of typed events.

        ``stop_on_close=True`` also stops the run on Dify when the stream is closed before the
        server ended it (break, ``close()``, an exception), so the app stops spending tokens.
        ``resume=True``: a connection that breaks before the run's end reattaches through
        ``get_workflow_events`` and the stream goes on, no event handed over twice (docs/streaming.md).
        """
        if not stream:
            return self._send_raw(request, request_option).parse()
        request = _with_mode(request, stream)
        reader = ChatflowEventReader(request.route.method, request.route.path)

        def stop_run() -> None:
            if (stop := _stop_request(reader, request)) is not None:
                try:
                    self.stop_chat_message(stop, _stop_option(request_option))
                except DifyError as exc:
                    _stop_failed(stop, exc)

        events = self._transport.open_stream(
            request, request_option, reader, stop_run if stop_on_close else None, ChatStream
        )
        if resume:
            self._resume(events, reader, request, request_option)
        return events

    @asender
    async def asend_chat_message(
        self,
        request: SendChatMessageRequest,
        request_option: RequestOption | None = None,
        stream: bool = False,
        *,
        stop_on_close: bool = False,
        resume: bool = False,
    ) -> SendChatMessageResponse | AsyncChatStream:
        """The async twin of ``send_chat_message``."""
        if not stream:
            return (await self._asend_raw(request, request_option)).parse()
        request = _with_mode(request, stream)
        reader = ChatflowEventReader(request.route.method, request.route.path)

        async def stop_run() -> None:
            import asyncio  # loaded: this runs inside a loop

            if (stop := _stop_request(reader, request)) is not None:
                # A task of its own, shielded: a caller leaving by cancellation (a browser gone from
                # a web relay, where anyio cancels every await again) still gets its stop to Dify.
                sending = asyncio.ensure_future(self._astop(stop, request_option))
                _stopping.add(sending)
                sending.add_done_callback(_stopping.discard)
                await asyncio.shield(sending)

        events = await self._transport.aopen_stream(
            request, request_option, reader, stop_run if stop_on_close else None, AsyncChatStream
        )
        if resume:
            self._resume(events, reader, request, request_option)
        return events

    def _send_raw(
        self, request: SendChatMessageRequest, request_option: RequestOption | None
    ) -> RawResponse[SendChatMessageResponse]:
        # A request built with response_mode="streaming" is refused here: a stream has no raw form.
        request = _with_mode(request, stream=False)
        return self._transport.send_raw(request, request_option, SendChatMessageResponse)

    async def _asend_raw(
        self, request: SendChatMessageRequest, request_option: RequestOption | None
    ) -> RawResponse[SendChatMessageResponse]:
        request = _with_mode(request, stream=False)
        return await self._transport.asend_raw(request, request_option, SendChatMessageResponse)

    def _resume(
        self,
        events: ChatStream | AsyncChatStream,
        reader: ChatflowEventReader,
        request: SendChatMessageRequest,
        option: RequestOption | None,
    ) -> None:
        """Make ``events`` reattach through the events endpoint when its connection breaks."""
        reattach = Reattach(reader, request.request_body.user)
        if isinstance(events, ChatStream):
            reopen = partial(open_events, self._transport, option=option, reader=reader)
            events._continue_with(partial(resuming, reattach=reattach, reopen=reopen), reattach)
        else:
            areopen = partial(aopen_events, self._transport, option=option, reader=reader)
            events._continue_with(partial(aresuming, reattach=reattach, reopen=areopen), reattach)

    async def _astop(self, stop: StopChatMessageRequest, request_option: RequestOption | None) -> None:
        import asyncio  # loaded: this runs inside a loop

        try:
            # The phases of one attempt add up; the caller waits for STOP_TIMEOUT at most.
            await asyncio.wait_for(self.astop_chat_message(stop, _stop_option(request_option)), STOP_TIMEOUT)
        except DifyError as exc:
            _stop_failed(stop, exc)
        except asyncio.TimeoutError:
            _stop_failed(
                stop, APITimeoutError(f"no answer in {STOP_TIMEOUT} s", method="POST", url=stop.route.path)
            )
