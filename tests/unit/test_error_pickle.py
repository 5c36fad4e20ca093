"""Every exception of the DifyError tree survives pickle with its attributes (process pools send them)."""

from __future__ import annotations

import inspect
import pickle
from typing import Any

import pytest

import dify_oapi
from dify_oapi import DifyError
from dify_oapi.core import errors

REQUEST: dict[str, Any] = {"method": "POST", "url": "/v1/chat-messages"}
STATUS: dict[str, Any] = {
    "status_code": 429,
    "code": "too_many_requests",
    "message": "busy",
    "body": {"a": [1]},
}


def made(cls: type[DifyError]) -> DifyError:
    """One instance of `cls`, built the way the client builds it."""
    if issubclass(cls, errors.APIStatusError):
        return cls(**STATUS, **REQUEST, retries=2, retry_after=1.5)
    if issubclass(cls, errors._RequestError):  # APIConnectionError and its timeouts
        return cls("ReadTimeout: timed out", **REQUEST, retries=1)
    if cls is errors.WorkflowFailedError:
        return cls("boom", workflow_run_id="r-1", node_id="http", node_title="Slow HTTP", **REQUEST)
    return cls("the stream ended inside an event frame")


TREE = sorted(
    {cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, DifyError)},
    key=lambda cls: cls.__name__,
)


def test_the_tree_is_what_the_package_exports() -> None:
    exported = {getattr(dify_oapi, name) for name in dify_oapi.__all__}
    assert {cls for cls in TREE if not cls.__name__.startswith("_")} <= exported
    assert len(TREE) >= 20


@pytest.mark.parametrize("cls", TREE, ids=lambda cls: cls.__name__)
def test_pickle_round_trip_keeps_type_message_and_attributes(cls: type[DifyError]) -> None:
    original = made(cls)
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is cls
    assert str(copy) == str(original) and copy.args == original.args
    assert vars(copy) == vars(original)


def test_the_status_alias_survives_pickle() -> None:
    copy = pickle.loads(pickle.dumps(made(errors.RateLimitError)))
    assert isinstance(copy, errors.APIStatusError)
    assert copy.status == copy.status_code == 429 and copy.retry_after == 1.5


def test_a_real_status_error_survives_pickle() -> None:
    body = b'{"code":"not_found","message":"Conversation Not Exists.","status":404}'
    error = errors.status_error(404, body, method="DELETE", url="/v1/conversations/c-1", retries=1)
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, errors.NotFoundError) and copy.code == "not_found" and copy.retries == 1
