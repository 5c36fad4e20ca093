"""The feedback resource: end users rate answers; the app's owner reads every rating."""

from __future__ import annotations

from dify_oapi.core.pagination import apages, next_page_until_short, pages
from dify_oapi.core.resource import Resource, aapi, api

from ..model.get_feedbacks_request import GetFeedbacksRequest
from ..model.get_feedbacks_response import GetFeedbacksResponse
from ..model.submit_feedback_request import SubmitFeedbackRequest
from ..model.submit_feedback_response import SubmitFeedbackResponse


class FeedbackResource(Resource):
    submit_feedback = api(SubmitFeedbackRequest, SubmitFeedbackResponse)
    asubmit_feedback = aapi(SubmitFeedbackRequest, SubmitFeedbackResponse)
    get_feedbacks = api(GetFeedbacksRequest, GetFeedbacksResponse)
    aget_feedbacks = aapi(GetFeedbacksRequest, GetFeedbacksResponse)

    # Offset pages, newest first: a feedback given during the walk shifts the later pages down one
    # (an item comes twice), one withdrawn shifts them up (an item is missed).
    iter_feedbacks = pages(GetFeedbacksRequest, GetFeedbacksResponse, next_page_until_short)
    aiter_feedbacks = apages(GetFeedbacksRequest, GetFeedbacksResponse, next_page_until_short)
