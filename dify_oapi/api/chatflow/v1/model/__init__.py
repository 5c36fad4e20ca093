"""Every public model class of the chatflow API; each also lives at ``model.<snake_class_name>``.

Builders are reached through their model: ``SendChatMessageRequest.builder()``.
"""

from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request import (
    AnnotationReplySettingsRequest,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_response import AnnotationReplySettingsResponse
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_request import (
    AnnotationReplyStatusRequest,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_response import AnnotationReplyStatusResponse
from dify_oapi.api.chatflow.v1.model.common import (
    Annotation,
    AnnotationReplyJob,
    ChatFile,
    Conversation,
    ConversationVariable,
    CursorPage,
    Feedback,
    Message,
    MessageFile,
    MessageMetadata,
    NoContent,
    NumberedPage,
    PageLimit,
    Result,
    RetrieverResource,
    Usage,
)
from dify_oapi.api.chatflow.v1.model.create_annotation_request import (
    CreateAnnotationRequest,
)
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import (
    CreateAnnotationRequestBody,
)
from dify_oapi.api.chatflow.v1.model.create_annotation_response import CreateAnnotationResponse
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import (
    DeleteAnnotationRequest,
)
from dify_oapi.api.chatflow.v1.model.delete_annotation_response import DeleteAnnotationResponse
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import (
    DeleteConversationRequest,
)
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import (
    DeleteConversationRequestBody,
)
from dify_oapi.api.chatflow.v1.model.delete_conversation_response import DeleteConversationResponse
from dify_oapi.api.chatflow.v1.model.events import (
    AgentLogEvent,
    ChatflowEvent,
    HumanInputFormFilledEvent,
    HumanInputFormTimeoutEvent,
    HumanInputRequiredEvent,
    IterationCompletedEvent,
    IterationNextEvent,
    IterationStartedEvent,
    LoopCompletedEvent,
    LoopNextEvent,
    LoopStartedEvent,
    MessageEndEvent,
    MessageEvent,
    MessageFileEvent,
    MessageReplaceEvent,
    NodeFinishedEvent,
    NodeRetryEvent,
    NodeStartedEvent,
    ReasoningChunkEvent,
    TextChunkEvent,
    TtsMessageEndEvent,
    TtsMessageEvent,
    UnknownEvent,
    WorkflowFinishedEvent,
    WorkflowPausedEvent,
    WorkflowStartedEvent,
)
from dify_oapi.api.chatflow.v1.model.get_annotations_request import (
    GetAnnotationsRequest,
)
from dify_oapi.api.chatflow.v1.model.get_annotations_response import GetAnnotationsResponse
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_request import (
    GetConversationMessagesRequest,
)
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_response import GetConversationMessagesResponse
from dify_oapi.api.chatflow.v1.model.get_conversation_variables_request import (
    GetConversationVariablesRequest,
)
from dify_oapi.api.chatflow.v1.model.get_conversation_variables_response import (
    GetConversationVariablesResponse,
)
from dify_oapi.api.chatflow.v1.model.get_conversations_request import (
    GetConversationsRequest,
)
from dify_oapi.api.chatflow.v1.model.get_conversations_response import GetConversationsResponse
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import (
    GetSuggestedQuestionsRequest,
)
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_response import GetSuggestedQuestionsResponse
from dify_oapi.api.chatflow.v1.model.rename_conversation_request import (
    RenameConversationRequest,
)
from dify_oapi.api.chatflow.v1.model.rename_conversation_request_body import (
    RenameConversationRequestBody,
)
from dify_oapi.api.chatflow.v1.model.rename_conversation_response import RenameConversationResponse
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import (
    SendChatMessageRequest,
)
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import (
    SendChatMessageRequestBody,
)
from dify_oapi.api.chatflow.v1.model.send_chat_message_response import SendChatMessageResponse
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import (
    StopChatMessageRequest,
)
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import (
    StopChatMessageRequestBody,
)
from dify_oapi.api.chatflow.v1.model.stop_chat_message_response import StopChatMessageResponse
from dify_oapi.api.chatflow.v1.model.types import (
    AnnotationAction,
    FileType,
    JobStatus,
    NodeStatus,
    ResponseMode,
    SortBy,
    TransferMethod,
    VariableValueType,
    WorkflowStatus,
)
from dify_oapi.api.chatflow.v1.model.update_annotation_request import (
    UpdateAnnotationRequest,
)
from dify_oapi.api.chatflow.v1.model.update_annotation_request_body import (
    UpdateAnnotationRequestBody,
)
from dify_oapi.api.chatflow.v1.model.update_annotation_response import UpdateAnnotationResponse
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request import (
    UpdateConversationVariableRequest,
)
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request_body import (
    UpdateConversationVariableRequestBody,
)
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_response import (
    UpdateConversationVariableResponse,
)

__all__ = [
    "AgentLogEvent",
    "Annotation",
    "AnnotationAction",
    "AnnotationReplyJob",
    "AnnotationReplySettingsRequest",
    "AnnotationReplySettingsRequestBody",
    "AnnotationReplySettingsResponse",
    "AnnotationReplyStatusRequest",
    "AnnotationReplyStatusResponse",
    "ChatFile",
    "ChatflowEvent",
    "Conversation",
    "ConversationVariable",
    "CreateAnnotationRequest",
    "CreateAnnotationRequestBody",
    "CreateAnnotationResponse",
    "CursorPage",
    "DeleteAnnotationRequest",
    "DeleteAnnotationResponse",
    "DeleteConversationRequest",
    "DeleteConversationRequestBody",
    "DeleteConversationResponse",
    "Feedback",
    "FileType",
    "GetAnnotationsRequest",
    "GetAnnotationsResponse",
    "GetConversationMessagesRequest",
    "GetConversationMessagesResponse",
    "GetConversationVariablesRequest",
    "GetConversationVariablesResponse",
    "GetConversationsRequest",
    "GetConversationsResponse",
    "GetSuggestedQuestionsRequest",
    "GetSuggestedQuestionsResponse",
    "HumanInputFormFilledEvent",
    "HumanInputFormTimeoutEvent",
    "HumanInputRequiredEvent",
    "IterationCompletedEvent",
    "IterationNextEvent",
    "IterationStartedEvent",
    "JobStatus",
    "LoopCompletedEvent",
    "LoopNextEvent",
    "LoopStartedEvent",
    "Message",
    "MessageEndEvent",
    "MessageEvent",
    "MessageFile",
    "MessageFileEvent",
    "MessageMetadata",
    "MessageReplaceEvent",
    "NoContent",
    "NodeFinishedEvent",
    "NodeRetryEvent",
    "NodeStartedEvent",
    "NodeStatus",
    "NumberedPage",
    "PageLimit",
    "ReasoningChunkEvent",
    "RenameConversationRequest",
    "RenameConversationRequestBody",
    "RenameConversationResponse",
    "ResponseMode",
    "Result",
    "RetrieverResource",
    "SendChatMessageRequest",
    "SendChatMessageRequestBody",
    "SendChatMessageResponse",
    "SortBy",
    "StopChatMessageRequest",
    "StopChatMessageRequestBody",
    "StopChatMessageResponse",
    "TextChunkEvent",
    "TransferMethod",
    "TtsMessageEndEvent",
    "TtsMessageEvent",
    "UnknownEvent",
    "UpdateAnnotationRequest",
    "UpdateAnnotationRequestBody",
    "UpdateAnnotationResponse",
    "UpdateConversationVariableRequest",
    "UpdateConversationVariableRequestBody",
    "UpdateConversationVariableResponse",
    "Usage",
    "VariableValueType",
    "WorkflowFinishedEvent",
    "WorkflowPausedEvent",
    "WorkflowStartedEvent",
    "WorkflowStatus",
]
