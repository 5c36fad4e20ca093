"""The human-input resource: read and answer the form a paused run waits on."""

from __future__ import annotations

from dify_oapi.core.resource import Resource, aapi, api

from ..model.get_human_input_form_request import GetHumanInputFormRequest
from ..model.get_human_input_form_response import GetHumanInputFormResponse
from ..model.submit_human_input_form_request import SubmitHumanInputFormRequest
from ..model.submit_human_input_form_response import SubmitHumanInputFormResponse


class HumanInputResource(Resource):
    get_human_input_form = api(GetHumanInputFormRequest, GetHumanInputFormResponse)
    aget_human_input_form = aapi(GetHumanInputFormRequest, GetHumanInputFormResponse)
    submit_human_input_form = api(SubmitHumanInputFormRequest, SubmitHumanInputFormResponse)
    asubmit_human_input_form = aapi(SubmitHumanInputFormRequest, SubmitHumanInputFormResponse)
