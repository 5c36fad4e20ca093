"""What ``GET /v1/parameters`` answers: the start form, the conversation opener, the features on.

Dify validates the reply with its own ``Parameters`` model, whose feature entries are free-form
dicts: each is typed here by what Dify's app config writes, and any key beyond that is kept in
``model_extra``.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from pydantic import Field, JsonValue, field_validator

from dify_oapi.core.model import ResponseModel

# Dify 1.14.2's VariableEntityType; a type a newer Dify adds is kept as its string, never refused.
InputControlType: TypeAlias = Literal[
    "text-input",
    "paragraph",
    "select",
    "number",
    "checkbox",
    "file",
    "file-list",
    "json_object",
    "external_data_tool",
]


class InputControl(ResponseModel):
    """One control of the start form; ``inputs[variable]`` of a new conversation fills it."""

    type: InputControlType | str
    variable: str
    label: str
    required: bool = False
    max_length: int | None = None  # characters for text; the number of files for "file-list"
    options: list[str] = []  # the choices of a "select"
    default: JsonValue = None
    description: str | None = None
    hide: bool = False
    allowed_file_types: list[str] | None = None  # image, document, audio, video, custom
    allowed_file_extensions: list[str] | None = None  # e.g. ".pdf", when "custom" is allowed
    allowed_file_upload_methods: list[str] | None = None  # local_file, remote_url
    json_schema: dict[str, Any] | None = None  # a "json_object"'s schema

    @field_validator("options", mode="before")
    @classmethod
    def _none_is_no_options(cls, value: object) -> object:
        return [] if value is None else value  # Dify forwards the start node's raw config, null included


class FeatureSwitch(ResponseModel):
    enabled: bool = False


class TextToSpeechSettings(FeatureSwitch):
    language: str | None = None
    voice: str | None = None


class SensitiveWordAvoidance(FeatureSwitch):
    type: str | None = None  # the moderation provider, e.g. "keywords"; its config is in model_extra


class ImageUploadSettings(FeatureSwitch):
    """The older, image-only upload settings Dify still sends beside the general ones."""

    number_limits: int | None = None
    detail: str | None = None  # "high" or "low"
    transfer_methods: list[str] = []


class FileUploadSettings(FeatureSwitch):
    """Files a chat message may carry (``ChatFile``): which types, which ways, how many."""

    allowed_file_types: list[str] = []
    allowed_file_extensions: list[str] = []
    allowed_file_upload_methods: list[str] = []
    number_limits: int | None = None
    image: ImageUploadSettings | None = None


class SystemParameters(ResponseModel):
    """The server's upload limits, in MB, and how many files a workflow run takes."""

    image_file_size_limit: int
    video_file_size_limit: int
    audio_file_size_limit: int
    file_size_limit: int
    workflow_file_upload_limit: int


def _unwrap_controls(value: object) -> object:
    # Dify wraps each control in a dict keyed by its type: [{"text-input": {...}}]. The key is the
    # type; an older app's control does not repeat it inside.
    if not isinstance(value, list):
        return value
    controls = []
    for item in value:
        if isinstance(item, dict) and len(item) == 1:
            ((kind, control),) = item.items()
            if isinstance(control, dict):
                item = {**control, "type": kind}
        controls.append(item)
    return controls


class GetParametersResponse(ResponseModel):
    opening_statement: str | None = None  # "" when the app has none
    suggested_questions: list[str] = []  # the opener's starter questions
    suggested_questions_after_answer: FeatureSwitch
    speech_to_text: FeatureSwitch
    text_to_speech: TextToSpeechSettings
    retriever_resource: FeatureSwitch
    annotation_reply: FeatureSwitch
    more_like_this: FeatureSwitch
    user_input_form: list[InputControl] = Field(default_factory=list)
    sensitive_word_avoidance: SensitiveWordAvoidance
    file_upload: FileUploadSettings
    system_parameters: SystemParameters

    _unwrap = field_validator("user_input_form", mode="before")(_unwrap_controls)

    def input_control(self, variable: str) -> InputControl | None:
        """The form's control for ``inputs[variable]``, or None when the form has no such input."""
        return next((control for control in self.user_input_form if control.variable == variable), None)
