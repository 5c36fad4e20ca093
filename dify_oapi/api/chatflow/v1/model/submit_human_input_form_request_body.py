"""The body of ``POST /v1/form/human_input/{form_token}`` (``HumanInputFormSubmitPayload``)."""

from __future__ import annotations

from pydantic import JsonValue

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel


class SubmitHumanInputFormRequestBody(RequestModel):
    # output_variable_name -> value; Dify answers 400 "Missing required inputs: ..." unless every
    # input of the form is here, and "Invalid action: ..." for an action the form does not offer.
    inputs: dict[str, JsonValue]
    action: Id  # the id of one of the form's actions
    user: Id  # required: Dify records which end user answered

    @staticmethod
    def builder() -> SubmitHumanInputFormRequestBodyBuilder:
        return SubmitHumanInputFormRequestBodyBuilder()


class SubmitHumanInputFormRequestBodyBuilder(Builder[SubmitHumanInputFormRequestBody]):
    inputs: setter[dict[str, JsonValue]] = setter()
    action: setter[str] = setter()
    user: setter[str] = setter()
