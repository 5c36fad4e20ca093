"""Every public model class of the chatflow API; each also lives at ``model.<snake_class_name>``."""

from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request import (
    AnnotationReplySettingsRequest,
    AnnotationReplySettingsRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
    AnnotationReplySettingsRequestBodyBuilder,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_response import AnnotationReplySettingsResponse
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_request import (
    AnnotationReplyStatusRequest,
    AnnotationReplyStatusRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_response import AnnotationReplyStatusResponse
from dify_oapi.api.chatflow.v1.model.common import (
    Annotation,
    AnnotationReplyJob,
    ChatFile,
    ChatFileBuilder,
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
    CreateAnnotationRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import (
    CreateAnnotationRequestBody,
    CreateAnnotationRequestBodyBuilder,
)
from dify_oapi.api.chatflow.v1.model.create_annotation_response import CreateAnnotationResponse
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import (
    DeleteAnnotationRequest,
    DeleteAnnotationRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.delete_annotation_response import DeleteAnnotationResponse
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import (
    DeleteConversationRequest,
    DeleteConversationRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import (
    DeleteConversationRequestBody,
    DeleteConversationRequestBodyBuilder,
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
    GetAnnotationsRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.get_annotations_response import GetAnnotationsResponse
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_request import (
    GetConversationMessagesRequest,
    GetConversationMessagesRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_response import GetConversationMessagesResponse
from dify_oapi.api.chatflow.v1.model.get_conversation_variables_request import (
    GetConversationVariablesRequest,
    GetConversationVariablesRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.get_conversation_variables_response import (
    GetConversationVariablesResponse,
)
from dify_oapi.api.chatflow.v1.model.get_conversations_request import (
    GetConversationsRequest,
    GetConversationsRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.get_conversations_response import GetConversationsResponse
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import (
    GetSuggestedQuestionsRequest,
    GetSuggestedQuestionsRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_response import GetSuggestedQuestionsResponse
from dify_oapi.api.chatflow.v1.model.rename_conversation_request import (
    RenameConversationRequest,
    RenameConversationRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.rename_conversation_request_body import (
    RenameConversationRequestBody,
    RenameConversationRequestBodyBuilder,
)
from dify_oapi.api.chatflow.v1.model.rename_conversation_response import RenameConversationResponse
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import (
    SendChatMessageRequest,
    SendChatMessageRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import (
    SendChatMessageRequestBody,
    SendChatMessageRequestBodyBuilder,
)
from dify_oapi.api.chatflow.v1.model.send_chat_message_response import SendChatMessageResponse
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import (
    StopChatMessageRequest,
    StopChatMessageRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import (
    StopChatMessageRequestBody,
    StopChatMessageRequestBodyBuilder,
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
    UpdateAnnotationRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.update_annotation_request_body import (
    UpdateAnnotationRequestBody,
    UpdateAnnotationRequestBodyBuilder,
)
from dify_oapi.api.chatflow.v1.model.update_annotation_response import UpdateAnnotationResponse
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request import (
    UpdateConversationVariableRequest,
    UpdateConversationVariableRequestBuilder,
)
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request_body import (
    UpdateConversationVariableRequestBody,
    UpdateConversationVariableRequestBodyBuilder,
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
    "AnnotationReplySettingsRequestBodyBuilder",
    "AnnotationReplySettingsRequestBuilder",
    "AnnotationReplySettingsResponse",
    "AnnotationReplyStatusRequest",
    "AnnotationReplyStatusRequestBuilder",
    "AnnotationReplyStatusResponse",
    "ChatFile",
    "ChatFileBuilder",
    "ChatflowEvent",
    "Conversation",
    "ConversationVariable",
    "CreateAnnotationRequest",
    "CreateAnnotationRequestBody",
    "CreateAnnotationRequestBodyBuilder",
    "CreateAnnotationRequestBuilder",
    "CreateAnnotationResponse",
    "CursorPage",
    "DeleteAnnotationRequest",
    "DeleteAnnotationRequestBuilder",
    "DeleteAnnotationResponse",
    "DeleteConversationRequest",
    "DeleteConversationRequestBody",
    "DeleteConversationRequestBodyBuilder",
    "DeleteConversationRequestBuilder",
    "DeleteConversationResponse",
    "Feedback",
    "FileType",
    "GetAnnotationsRequest",
    "GetAnnotationsRequestBuilder",
    "GetAnnotationsResponse",
    "GetConversationMessagesRequest",
    "GetConversationMessagesRequestBuilder",
    "GetConversationMessagesResponse",
    "GetConversationVariablesRequest",
    "GetConversationVariablesRequestBuilder",
    "GetConversationVariablesResponse",
    "GetConversationsRequest",
    "GetConversationsRequestBuilder",
    "GetConversationsResponse",
    "GetSuggestedQuestionsRequest",
    "GetSuggestedQuestionsRequestBuilder",
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
    "RenameConversationRequestBodyBuilder",
    "RenameConversationRequestBuilder",
    "RenameConversationResponse",
    "ResponseMode",
    "Result",
    "RetrieverResource",
    "SendChatMessageRequest",
    "SendChatMessageRequestBody",
    "SendChatMessageRequestBodyBuilder",
    "SendChatMessageRequestBuilder",
    "SendChatMessageResponse",
    "SortBy",
    "StopChatMessageRequest",
    "StopChatMessageRequestBody",
    "StopChatMessageRequestBodyBuilder",
    "StopChatMessageRequestBuilder",
    "StopChatMessageResponse",
    "TextChunkEvent",
    "TransferMethod",
    "TtsMessageEndEvent",
    "TtsMessageEvent",
    "UnknownEvent",
    "UpdateAnnotationRequest",
    "UpdateAnnotationRequestBody",
    "UpdateAnnotationRequestBodyBuilder",
    "UpdateAnnotationRequestBuilder",
    "UpdateAnnotationResponse",
    "UpdateConversationVariableRequest",
    "UpdateConversationVariableRequestBody",
    "UpdateConversationVariableRequestBodyBuilder",
    "UpdateConversationVariableRequestBuilder",
    "UpdateConversationVariableResponse",
    "Usage",
    "VariableValueType",
    "WorkflowFinishedEvent",
    "WorkflowPausedEvent",
    "WorkflowStartedEvent",
    "WorkflowStatus",
]
