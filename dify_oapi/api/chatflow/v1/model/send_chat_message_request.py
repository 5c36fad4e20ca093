"""Send a message to a chatflow app, blocking or streamed: ``POST /v1/chat-messages``.

Never resent once its bytes went out: Dify has no idempotency key, so a retry could post the
message twice and run the workflow twice.
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Request, Route

from .send_chat_message_request_body import SendChatMessageRequestBody


class SendChatMessageRequest(Request):
    route: ClassVar[Route] = Route("POST", "/v1/chat-messages")
    request_body: SendChatMessageRequestBody

    @staticmethod
    def builder() -> SendChatMessageRequestBuilder:
        return SendChatMessageRequestBuilder()


class SendChatMessageRequestBuilder(Builder[SendChatMessageRequest]):
    request_body: setter[SendChatMessageRequestBody] = setter()
