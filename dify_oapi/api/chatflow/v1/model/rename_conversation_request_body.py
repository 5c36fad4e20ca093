"""The body of ``POST /v1/conversations/{conversation_id}/name``."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel


class RenameConversationRequestBody(RequestModel):
    auto_generate: bool = False  # true: Dify names it from the first message (an LLM call), ignoring name
    # Declared after auto_generate so the check below sees it; validated even when left unset.
    name: str | None = Field(None, validate_default=True)
    user: Id | None = None

    @field_validator("name")
    @classmethod
    def _name_unless_auto_generate(cls, name: str | None, info: ValidationInfo) -> str | None:
        # Dify answers 400 unless the name has a non-space character or auto_generate is true.
        if not info.data.get("auto_generate") and not (name and name.strip()):
            raise ValueError("required, with a non-space character, unless auto_generate is true")
        return name

    @staticmethod
    def builder() -> RenameConversationRequestBodyBuilder:
        return RenameConversationRequestBodyBuilder()


class RenameConversationRequestBodyBuilder(Builder[RenameConversationRequestBody]):
    auto_generate: setter[bool] = setter()
    name: setter[str | None] = setter()
    user: setter[str | None] = setter()
