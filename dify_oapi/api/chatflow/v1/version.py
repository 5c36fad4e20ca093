"""``client.chatflow.v1``: the resources of version 1, each imported on first use."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from dify_oapi.core.transport import Transport

if TYPE_CHECKING:
    from dify_oapi.api.chatflow.v1.resource.annotation import AnnotationResource
    from dify_oapi.api.chatflow.v1.resource.app import AppResource
    from dify_oapi.api.chatflow.v1.resource.audio import AudioResource
    from dify_oapi.api.chatflow.v1.resource.chatflow import Chatflow
    from dify_oapi.api.chatflow.v1.resource.conversation import ConversationResource
    from dify_oapi.api.chatflow.v1.resource.feedback import FeedbackResource
    from dify_oapi.api.chatflow.v1.resource.file import FileResource
    from dify_oapi.api.chatflow.v1.resource.human_input import HumanInputResource
    from dify_oapi.api.chatflow.v1.resource.workflow import WorkflowResource


class V1:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    @cached_property
    def chatflow(self) -> Chatflow:
        from dify_oapi.api.chatflow.v1.resource.chatflow import Chatflow

        return Chatflow(self._transport)

    @cached_property
    def conversation(self) -> ConversationResource:
        from dify_oapi.api.chatflow.v1.resource.conversation import ConversationResource

        return ConversationResource(self._transport)

    @cached_property
    def annotation(self) -> AnnotationResource:
        from dify_oapi.api.chatflow.v1.resource.annotation import AnnotationResource

        return AnnotationResource(self._transport)

    @cached_property
    def app(self) -> AppResource:
        from dify_oapi.api.chatflow.v1.resource.app import AppResource

        return AppResource(self._transport)

    @cached_property
    def feedback(self) -> FeedbackResource:
        from dify_oapi.api.chatflow.v1.resource.feedback import FeedbackResource

        return FeedbackResource(self._transport)

    @cached_property
    def file(self) -> FileResource:
        from dify_oapi.api.chatflow.v1.resource.file import FileResource

        return FileResource(self._transport)

    @cached_property
    def human_input(self) -> HumanInputResource:
        from dify_oapi.api.chatflow.v1.resource.human_input import HumanInputResource

        return HumanInputResource(self._transport)

    @cached_property
    def workflow(self) -> WorkflowResource:
        from dify_oapi.api.chatflow.v1.resource.workflow import WorkflowResource

        return WorkflowResource(self._transport)

    @cached_property
    def audio(self) -> AudioResource:
        from dify_oapi.api.chatflow.v1.resource.audio import AudioResource

        return AudioResource(self._transport)
