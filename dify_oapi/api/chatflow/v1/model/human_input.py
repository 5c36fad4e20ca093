"""What a Human Input node shows and what its events carry, shared by the stream and the form APIs.

Shapes as Dify 1.14.2 sends them (``HumanInputRequiredResponse`` and its siblings in
``core/app/entities/task_entities.py``; the form's inputs and actions are graphon's
``FormInputConfig`` and ``UserActionConfig``). Kinds and styles are ``str``: a kind a newer Dify adds
must not cost the form.
"""

from __future__ import annotations

from typing import Any

from dify_oapi.core.model import ResponseModel


class FormInput(ResponseModel):
    """One field of the form; its answer goes under ``output_variable_name`` in the submitted inputs."""

    type: str  # paragraph, select, file, file-list (Dify 1.14.2); older forms: text-input
    output_variable_name: str
    default: dict[str, Any] | None = None  # paragraph: {type: constant|variable, selector, value}
    option_source: dict[str, Any] | None = None  # select: {type, selector, value: [options]}
    allowed_file_types: list[str] | None = None  # file, file-list
    allowed_file_extensions: list[str] | None = None
    allowed_file_upload_methods: list[str] | None = None
    number_limits: int | None = None  # file-list


class FormAction(ResponseModel):
    """A button; its ``id`` is the ``action`` a submission names."""

    id: str
    title: str
    button_style: str = "default"  # primary, default, accent, ghost


class HumanInputRequiredData(ResponseModel):
    form_id: str
    node_id: str
    node_title: str
    form_content: str  # markdown, with {{#$output.name#}} where each input goes
    inputs: list[FormInput] = []
    actions: list[FormAction] = []
    display_in_ui: bool = False
    # None when the form is not meant for the Service API (e.g. delivered by e-mail only).
    form_token: str | None = None
    resolved_default_values: dict[str, Any] = {}  # output_variable_name -> value of a variable default
    expiration_time: int  # epoch seconds


class HumanInputFormFilledData(ResponseModel):
    node_id: str
    node_title: str
    rendered_content: str  # the form content with the submitted values filled in
    action_id: str
    action_text: str


class HumanInputFormTimeoutData(ResponseModel):
    node_id: str
    node_title: str
    expiration_time: int


class WorkflowPausedData(ResponseModel):
    workflow_run_id: str
    paused_nodes: list[str] = []
    outputs: dict[str, Any] = {}
    # One per waiting node: {"TYPE": "human_input_required", form_id, form_token, ...} or
    # {"TYPE": "scheduled_pause", message}; the key is upper-case in Dify 1.14.2.
    reasons: list[dict[str, Any]] = []
    status: str  # paused
    created_at: int
    elapsed_time: float
    total_tokens: int
    total_steps: int
