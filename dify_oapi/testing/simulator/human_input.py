"""Human input: the form a paused run waits on, ``get_human_input_form`` and ``submit_human_input_form``.

A run scripted with ``Answer.paused(form)`` creates one form when it pauses; its token is in the
``human_input_required`` event, as Dify 1.14.2 sends it to Service API callers.
"""

from __future__ import annotations

import json
import secrets
import string
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import ApiError, not_found, validate
from .routing import Call, Routes
from .wire import JSON, Reply, json_reply

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
NODE_ID, NODE_TITLE = "1711528920001", "人工介入"  # the human-input node a paused run waits in
FORM_LIFETIME = 86400  # seconds: a Human Input node's default timeout is 36 hours; any future time does
# One paragraph field and two buttons, dumped as graphon's FormInputConfig and UserActionConfig.
INPUTS: tuple[JSON, ...] = (
    {
        "output_variable_name": "comment",
        "type": "paragraph",
        "default": {"type": "constant", "selector": [], "value": ""},
    },
)
ACTIONS: tuple[JSON, ...] = (
    {"id": "approve", "title": "Approve", "button_style": "primary"},
    {"id": "reject", "title": "Reject", "button_style": "default"},
)
_TOKEN_ALPHABET = string.ascii_letters + string.digits
_HINT = "/v1/form/human_input/<string:form_token>"  # Dify 1.14.2 appends it to "Form not found"


@dataclass
class HumanForm:
    """One waiting form; ``submission`` is set once it was answered."""

    run_id: str
    content: str
    expiration_time: int
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    token: str = field(default_factory=lambda: "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(22)))
    expired: bool = False
    submission: JSON | None = None

    def event_data(self) -> JSON:
        """``human_input_required``'s data (``HumanInputRequiredResponse.Data``)."""
        data: JSON = {"form_id": self.id, "node_id": NODE_ID, "node_title": NODE_TITLE}
        data |= {"form_content": self.content, "inputs": list(INPUTS), "actions": list(ACTIONS)}
        data |= {"display_in_ui": True, "form_token": self.token, "resolved_default_values": {}}
        return data | {"expiration_time": self.expiration_time}

    def pause_reason(self) -> JSON:
        """One of ``workflow_paused``'s reasons: the pause reason dumped, its key upper-case."""
        reason: JSON = {"TYPE": "human_input_required", **self.event_data()}
        del reason["display_in_ui"]
        return reason

    def ensure_active(self) -> None:
        # HumanInputService.ensure_form_active: submitted first, then expired.
        if self.submission is not None:
            message = f"This form has already been submitted by another user, form_id={self.id}"
            raise ApiError(412, "human_input_form_submitted", message)
        if self.expired:
            raise ApiError(412, "human_input_form_expired", f"This form has expired, form_id={self.id}")


def _form(app: App, token: str) -> HumanForm:
    form = app.state.forms.get(token)
    if form is None:
        raise not_found("Form not found")
    return form


@routes.add("GET", "/v1/form/human_input/{str}", not_found_hint=_HINT)
def get_human_input_form(app: App, call: Call) -> Reply:
    form = _form(app, call.params[0])
    form.ensure_active()
    payload: JSON = {"form_content": form.content, "inputs": list(INPUTS)}
    payload |= {"resolved_default_values": {}, "user_actions": list(ACTIONS)}
    payload |= {"expiration_time": form.expiration_time}
    # Dify writes this one with json.dumps(ensure_ascii=False): raw UTF-8, no trailing newline.
    body = json.dumps(payload, ensure_ascii=False).encode()
    return Reply(200, body, (("Content-Type", "application/json"),))


@routes.add("POST", "/v1/form/human_input/{str}", json_body=True, not_found_hint=_HINT)
def submit_human_input_form(app: App, call: Call) -> Reply:
    user, body = call.user(required=True), call.body
    validate("HumanInputFormSubmitPayload", body, inputs="dict", action="str")
    form = _form(app, call.params[0])
    form.ensure_active()
    # validate_human_input_submission: the action first, then every input present.
    if body["action"] not in {action["id"] for action in ACTIONS}:
        raise ApiError(400, "invalid_form_data", f"Invalid action: {body['action']}")
    missing = [i["output_variable_name"] for i in INPUTS if i["output_variable_name"] not in body["inputs"]]
    if missing:
        raise ApiError(400, "invalid_form_data", f"Missing required inputs: {', '.join(missing)}")
    form.submission = {"action": body["action"], "inputs": body["inputs"], "user": user}
    return json_reply(200, {})
