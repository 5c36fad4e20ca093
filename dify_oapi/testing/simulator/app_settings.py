"""What the app is and how it is set up: the four APIs of the client's ``app`` resource.

``app.py`` is the simulator's core, hence this module's name. The values are the echo app's on the
real Dify 1.14.2, so a client reads the same settings from either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .chatflow import FORM
from .routing import Call, Routes
from .wire import JSON, Reply, json_reply

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
NAME = "simulated-chatflow"
_OFF: JSON = {"enabled": False}
# Dify's configured upload limits (MB) and files per run, as the default .env sets them.
SYSTEM_PARAMETERS: JSON = {
    "image_file_size_limit": 10,
    "video_file_size_limit": 100,
    "audio_file_size_limit": 50,
    "file_size_limit": 15,
    "workflow_file_upload_limit": 10,
}


@routes.add("GET", "/v1/info")
def get_info(_app: App, _call: Call) -> Reply:
    description = "A simulated Dify chatflow: answers without a model."
    body = {"name": NAME, "description": description, "tags": [], "mode": "advanced-chat"}
    return json_reply(200, {**body, "author_name": "admin"})


def _control(variable: str, max_length: int) -> JSON:
    # The start node's variable as Dify stores it, wrapped in a dict keyed by its type.
    control = {"label": variable, "max_length": max_length, "options": [], "required": False}
    return {"text-input": {**control, "type": "text-input", "variable": variable}}


@routes.add("GET", "/v1/parameters")
def get_parameters(app: App, _call: Call) -> Reply:
    body: JSON = {"opening_statement": "", "suggested_questions": []}
    body["suggested_questions_after_answer"] = {"enabled": app.suggested_questions}
    body |= {"speech_to_text": _OFF, "text_to_speech": {"enabled": False, "language": "", "voice": ""}}
    body |= {"retriever_resource": _OFF, "annotation_reply": _OFF, "more_like_this": _OFF}
    body["user_input_form"] = [_control(variable, max_length) for variable, max_length in FORM]
    body |= {"sensitive_word_avoidance": _OFF, "file_upload": _OFF, "system_parameters": SYSTEM_PARAMETERS}
    return json_reply(200, body)


@routes.add("GET", "/v1/meta")
def get_meta(_app: App, _call: Call) -> Reply:
    return json_reply(200, {"tool_icons": {}})  # the simulated workflow calls no tool


@routes.add("GET", "/v1/site")
def get_site(_app: App, _call: Call) -> Reply:
    body: JSON = {"title": NAME, "chat_color_theme": None, "chat_color_theme_inverted": False}
    body |= {"icon_type": "emoji", "icon": "\U0001f916", "icon_background": "#FFEAD5", "description": None}
    body |= {"copyright": None, "privacy_policy": None, "custom_disclaimer": "", "default_language": "en-US"}
    body |= {"show_workflow_steps": True, "use_icon_as_answer_icon": False, "icon_url": None}
    return json_reply(200, body)
