"""Every public model class of the chatflow API; each also lives at ``model.<snake_class_name>``.

Builders are reached through their model: ``SendChatMessageRequest.builder()``.
"""

from .annotation_reply_settings_request import AnnotationReplySettingsRequest
from .annotation_reply_settings_request_body import AnnotationReplySettingsRequestBody
from .annotation_reply_settings_response import AnnotationReplySettingsResponse
from .annotation_reply_status_request import AnnotationReplyStatusRequest
from .annotation_reply_status_response import AnnotationReplyStatusResponse
from .audio_to_text_request import AudioToTextRequest
from .audio_to_text_request_body import AudioToTextRequestBody
from .audio_to_text_response import AudioToTextResponse
from .chat_result import ChatResult, Outcome
from .common import (
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
from .create_annotation_request import CreateAnnotationRequest
from .create_annotation_request_body import CreateAnnotationRequestBody
from .create_annotation_response import CreateAnnotationResponse
from .delete_annotation_request import DeleteAnnotationRequest
from .delete_annotation_response import DeleteAnnotationResponse
from .delete_conversation_request import DeleteConversationRequest
from .delete_conversation_request_body import DeleteConversationRequestBody
from .delete_conversation_response import DeleteConversationResponse
from .events import (
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
from .get_annotations_request import GetAnnotationsRequest
from .get_annotations_response import GetAnnotationsResponse
from .get_conversation_messages_request import GetConversationMessagesRequest
from .get_conversation_messages_response import GetConversationMessagesResponse
from .get_conversation_variables_request import GetConversationVariablesRequest
from .get_conversation_variables_response import GetConversationVariablesResponse
from .get_conversations_request import GetConversationsRequest
from .get_conversations_response import GetConversationsResponse
from .get_feedbacks_request import GetFeedbacksRequest
from .get_feedbacks_response import (
    AppFeedback,
    GetFeedbacksResponse,
)
from .get_human_input_form_request import GetHumanInputFormRequest
from .get_human_input_form_response import GetHumanInputFormResponse
from .get_info_request import GetInfoRequest
from .get_info_response import GetInfoResponse
from .get_meta_request import GetMetaRequest
from .get_meta_response import (
    GetMetaResponse,
    ToolIcon,
)
from .get_parameters_request import GetParametersRequest
from .get_parameters_response import (
    FeatureSwitch,
    FileUploadSettings,
    GetParametersResponse,
    ImageUploadSettings,
    InputControl,
    InputControlType,
    SensitiveWordAvoidance,
    SystemParameters,
    TextToSpeechSettings,
)
from .get_site_request import GetSiteRequest
from .get_site_response import GetSiteResponse
from .get_suggested_questions_request import GetSuggestedQuestionsRequest
from .get_suggested_questions_response import GetSuggestedQuestionsResponse
from .get_workflow_events_request import GetWorkflowEventsRequest
from .get_workflow_events_response import GetWorkflowEventsResponse
from .human_input import (
    FormAction,
    FormInput,
    HumanInputFormFilledData,
    HumanInputFormTimeoutData,
    HumanInputRequiredData,
    WorkflowPausedData,
)
from .preview_file_request import PreviewFileRequest
from .preview_file_response import PreviewFileResponse
from .rename_conversation_request import RenameConversationRequest
from .rename_conversation_request_body import RenameConversationRequestBody
from .rename_conversation_response import RenameConversationResponse
from .send_chat_message_request import SendChatMessageRequest
from .send_chat_message_request_body import SendChatMessageRequestBody
from .send_chat_message_response import SendChatMessageResponse
from .stop_chat_message_request import StopChatMessageRequest
from .stop_chat_message_request_body import StopChatMessageRequestBody
from .stop_chat_message_response import StopChatMessageResponse
from .submit_feedback_request import SubmitFeedbackRequest
from .submit_feedback_request_body import SubmitFeedbackRequestBody
from .submit_feedback_response import SubmitFeedbackResponse
from .submit_human_input_form_request import SubmitHumanInputFormRequest
from .submit_human_input_form_request_body import SubmitHumanInputFormRequestBody
from .submit_human_input_form_response import SubmitHumanInputFormResponse
from .text_to_audio_request import TextToAudioRequest
from .text_to_audio_request_body import TextToAudioRequestBody
from .text_to_audio_response import TextToAudioResponse
from .types import (
    AnnotationAction,
    FeedbackRating,
    FileType,
    JobStatus,
    NodeStatus,
    ResponseMode,
    SortBy,
    TransferMethod,
    VariableValueType,
    WorkflowStatus,
)
from .update_annotation_request import UpdateAnnotationRequest
from .update_annotation_request_body import UpdateAnnotationRequestBody
from .update_annotation_response import UpdateAnnotationResponse
from .update_conversation_variable_request import UpdateConversationVariableRequest
from .update_conversation_variable_request_body import UpdateConversationVariableRequestBody
from .update_conversation_variable_response import UpdateConversationVariableResponse
from .upload_file_request import UploadFileRequest
from .upload_file_request_body import UploadFileRequestBody
from .upload_file_response import UploadFileResponse

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
    "AppFeedback",
    "AudioToTextRequest",
    "AudioToTextRequestBody",
    "AudioToTextResponse",
    "ChatFile",
    "ChatResult",
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
    "FeatureSwitch",
    "Feedback",
    "FeedbackRating",
    "FileType",
    "FileUploadSettings",
    "FormAction",
    "FormInput",
    "GetAnnotationsRequest",
    "GetAnnotationsResponse",
    "GetConversationMessagesRequest",
    "GetConversationMessagesResponse",
    "GetConversationVariablesRequest",
    "GetConversationVariablesResponse",
    "GetConversationsRequest",
    "GetConversationsResponse",
    "GetFeedbacksRequest",
    "GetFeedbacksResponse",
    "GetHumanInputFormRequest",
    "GetHumanInputFormResponse",
    "GetInfoRequest",
    "GetInfoResponse",
    "GetMetaRequest",
    "GetMetaResponse",
    "GetParametersRequest",
    "GetParametersResponse",
    "GetSiteRequest",
    "GetSiteResponse",
    "GetSuggestedQuestionsRequest",
    "GetSuggestedQuestionsResponse",
    "GetWorkflowEventsRequest",
    "GetWorkflowEventsResponse",
    "HumanInputFormFilledData",
    "HumanInputFormFilledEvent",
    "HumanInputFormTimeoutData",
    "HumanInputFormTimeoutEvent",
    "HumanInputRequiredData",
    "HumanInputRequiredEvent",
    "ImageUploadSettings",
    "InputControl",
    "InputControlType",
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
    "Outcome",
    "PageLimit",
    "PreviewFileRequest",
    "PreviewFileResponse",
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
    "SensitiveWordAvoidance",
    "SortBy",
    "StopChatMessageRequest",
    "StopChatMessageRequestBody",
    "StopChatMessageResponse",
    "SubmitFeedbackRequest",
    "SubmitFeedbackRequestBody",
    "SubmitFeedbackResponse",
    "SubmitHumanInputFormRequest",
    "SubmitHumanInputFormRequestBody",
    "SubmitHumanInputFormResponse",
    "SystemParameters",
    "TextChunkEvent",
    "TextToAudioRequest",
    "TextToAudioRequestBody",
    "TextToAudioResponse",
    "TextToSpeechSettings",
    "ToolIcon",
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
    "UploadFileRequest",
    "UploadFileRequestBody",
    "UploadFileResponse",
    "Usage",
    "VariableValueType",
    "WorkflowFinishedEvent",
    "WorkflowPausedData",
    "WorkflowPausedEvent",
    "WorkflowStartedEvent",
    "WorkflowStatus",
]
