"""Version 1 of the chatflow API: ``client.chatflow.v1.chatflow|conversation|annotation``."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dify_oapi.api.chatflow.v1.resource.annotation import AnnotationResource
    from dify_oapi.api.chatflow.v1.resource.chatflow import Chatflow
    from dify_oapi.api.chatflow.v1.resource.conversation import ConversationResource
    from dify_oapi.api.chatflow.v1.version import V1

__all__ = ["V1", "AnnotationResource", "Chatflow", "ConversationResource"]

# Imported on first use (PEP 562): `import dify_oapi` must not build every model of every API.
_MODULES = {
    "V1": "version",
    "AnnotationResource": "resource.annotation",
    "Chatflow": "resource.chatflow",
    "ConversationResource": "resource.conversation",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
