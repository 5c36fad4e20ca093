"""The conversation resource: list, history, delete, rename, variables; ``iter_*`` walk every page."""

from __future__ import annotations

from dify_oapi.core.pagination import after_last_id, apages, before_first_id, pages
from dify_oapi.core.resource import Resource, aapi, api

from ..model.delete_conversation_request import DeleteConversationRequest
from ..model.delete_conversation_response import DeleteConversationResponse
from ..model.get_conversation_messages_request import GetConversationMessagesRequest
from ..model.get_conversation_messages_response import GetConversationMessagesResponse
from ..model.get_conversation_variables_request import GetConversationVariablesRequest
from ..model.get_conversation_variables_response import GetConversationVariablesResponse
from ..model.get_conversations_request import GetConversationsRequest
from ..model.get_conversations_response import GetConversationsResponse
from ..model.rename_conversation_request import RenameConversationRequest
from ..model.rename_conversation_response import RenameConversationResponse
from ..model.update_conversation_variable_request import UpdateConversationVariableRequest
from ..model.update_conversation_variable_response import UpdateConversationVariableResponse


class ConversationResource(Resource):
    get_conversations = api(GetConversationsRequest, GetConversationsResponse)
    aget_conversations = aapi(GetConversationsRequest, GetConversationsResponse)
    get_conversation_messages = api(GetConversationMessagesRequest, GetConversationMessagesResponse)
    aget_conversation_messages = aapi(GetConversationMessagesRequest, GetConversationMessagesResponse)
    delete_conversation = api(DeleteConversationRequest, DeleteConversationResponse)
    adelete_conversation = aapi(DeleteConversationRequest, DeleteConversationResponse)
    rename_conversation = api(RenameConversationRequest, RenameConversationResponse)
    arename_conversation = aapi(RenameConversationRequest, RenameConversationResponse)
    get_conversation_variables = api(GetConversationVariablesRequest, GetConversationVariablesResponse)
    aget_conversation_variables = aapi(GetConversationVariablesRequest, GetConversationVariablesResponse)
    update_conversation_variable = api(UpdateConversationVariableRequest, UpdateConversationVariableResponse)
    aupdate_conversation_variable = aapi(
        UpdateConversationVariableRequest, UpdateConversationVariableResponse
    )

    # Every item of every page, one request per page, sent only when the loop needs it (docs/pagination.md).
    iter_conversations = pages(GetConversationsRequest, GetConversationsResponse, after_last_id)
    aiter_conversations = apages(GetConversationsRequest, GetConversationsResponse, after_last_id)
    # Newest page first; within a page, the order Dify sends (oldest first).
    iter_conversation_messages = pages(
        GetConversationMessagesRequest, GetConversationMessagesResponse, before_first_id
    )
    aiter_conversation_messages = apages(
        GetConversationMessagesRequest, GetConversationMessagesResponse, before_first_id
    )
    iter_conversation_variables = pages(
        GetConversationVariablesRequest, GetConversationVariablesResponse, after_last_id
    )
    aiter_conversation_variables = apages(
        GetConversationVariablesRequest, GetConversationVariablesResponse, after_last_id
    )
