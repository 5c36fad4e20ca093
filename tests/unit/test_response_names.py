"""Every response class a user imports by name is a class of that name, so reprs and errors say it."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from dify_oapi.api.chatflow.v1 import model

RESPONSES = sorted(name for name in model.__all__ if name.endswith("Response"))


def test_all_fifteen_apis_have_a_response() -> None:
    assert len(RESPONSES) >= 15


@pytest.mark.parametrize("name", RESPONSES)
def test_the_class_bears_its_name(name: str) -> None:
    cls = getattr(model, name)
    assert isinstance(cls, type) and issubclass(cls, BaseModel)
    assert cls.__name__ == name and cls.__qualname__ == name


def test_repr_and_validation_errors_name_what_was_called() -> None:
    page = model.GetConversationsResponse.model_validate({"limit": 1, "has_more": False, "data": []})
    assert repr(page).startswith("GetConversationsResponse(")
    with pytest.raises(ValidationError, match="for GetConversationMessagesResponse"):
        model.GetConversationMessagesResponse.model_validate({"limit": 1})
    assert repr(model.DeleteConversationResponse()) == "DeleteConversationResponse()"
