"""Answer a paused run's form, so the run resumes: ``POST /v1/form/human_input/{form_token}``.

The run goes on in Dify's worker; its events are read through ``GET /v1/workflow/{run_id}/events``.
A second submission answers 412 (``HumanInputFormClosedError``).
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import Segment
from .submit_human_input_form_request_body import SubmitHumanInputFormRequestBody


class SubmitHumanInputFormRequest(Request):
    # Not resent: a submission that landed resumes the run, and the resend would then fail with 412.
    route: ClassVar[Route] = Route("POST", "/v1/form/human_input/{form_token}")
    form_token: PathParam[Segment]
    request_body: SubmitHumanInputFormRequestBody

    @staticmethod
    def builder() -> SubmitHumanInputFormRequestBuilder:
        return SubmitHumanInputFormRequestBuilder()


class SubmitHumanInputFormRequestBuilder(Builder[SubmitHumanInputFormRequest]):
    form_token: setter[str] = setter()
    request_body: setter[SubmitHumanInputFormRequestBody] = setter()
