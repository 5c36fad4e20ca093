"""The form as Dify renders it for the Service API (``_jsonify_form_definition``)."""

from __future__ import annotations

from dify_oapi.core.model import ResponseModel

from .human_input import FormAction, FormInput


class GetHumanInputFormResponse(ResponseModel):
    form_content: str  # rendered: variables of the run already filled in
    inputs: list[FormInput] = []
    # Every default as a string: "" for none, JSON for objects and lists.
    resolved_default_values: dict[str, str] = {}
    user_actions: list[FormAction] = []  # the event calls these "actions"
    expiration_time: int  # epoch seconds
