"""Version 1 of the chatflow API: ``client.chatflow.v1.chatflow|conversation|annotation``."""

from dify_oapi.api.chatflow.v1.resource.annotation import Annotation
from dify_oapi.api.chatflow.v1.resource.chatflow import Chatflow
from dify_oapi.api.chatflow.v1.resource.conversation import Conversation
from dify_oapi.api.chatflow.v1.version import V1

__all__ = ["V1", "Annotation", "Chatflow", "Conversation"]
