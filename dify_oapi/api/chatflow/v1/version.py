"""``client.chatflow.v1``: the resources of version 1."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.resource.annotation import Annotation
from dify_oapi.api.chatflow.v1.resource.chatflow import Chatflow
from dify_oapi.api.chatflow.v1.resource.conversation import Conversation
from dify_oapi.core.transport import Transport


class V1:
    def __init__(self, transport: Transport) -> None:
        self.chatflow = Chatflow(transport)
        self.conversation = Conversation(transport)
        self.annotation = Annotation(transport)
