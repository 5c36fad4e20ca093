"""Ratings of answers: the two APIs of the client's ``feedback`` resource."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .errors import _Issue, invalid, not_found, pydantic_error
from .routing import Call, Routes
from .run import APP_ID
from .wire import JSON, Reply, json_reply

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
_RATINGS = ("like", "dislike")


def end_user_id(user: str) -> str:
    """The id Dify gives the end user behind a ``user`` string: one per user, stable."""
    return str(uuid.uuid5(uuid.UUID(APP_ID), user))


def _payload_issues(body: JSON) -> list[_Issue]:
    issues: list[_Issue] = []
    rating, content = body.get("rating"), body.get("content")
    if rating is not None and rating not in _RATINGS:
        issues.append(("rating", "Input should be 'like' or 'dislike'", "literal_error", rating))
    if content is not None and not isinstance(content, str):
        issues.append(("content", "Input should be a valid string", "string_type", content))
    return issues


@routes.add("POST", "/v1/messages/{uuid}/feedbacks", json_body=True)
def submit_feedback(app: App, call: Call) -> Reply:
    user = call.user(required=True)
    if issues := _payload_issues(call.body):
        raise pydantic_error("MessageFeedbackPayload", *issues)
    message_id, rating = call.params[0], call.body.get("rating")
    conversation = app.state.message_owner.get(message_id)
    if conversation is None or conversation.user != user:
        raise not_found("Message Not Exists.")
    message = next(m for m in conversation.messages if m["id"] == message_id)
    feedback, now = app.state.feedbacks.get(message_id), app.state.tick()
    if feedback is None and not rating:
        raise invalid("rating cannot be None when feedback not exists")
    if not rating:
        del app.state.feedbacks[message_id]
    elif feedback is not None:
        feedback |= {"rating": rating, "content": call.body.get("content"), "updated_at": now}
    else:
        app.state.feedbacks[message_id] = {
            "id": str(uuid.uuid4()),
            "app_id": APP_ID,
            "conversation_id": conversation.id,
            "message_id": message_id,
            "rating": rating,
            "content": call.body.get("content"),
            "from_source": "user",
            "from_end_user_id": end_user_id(user),
            "from_account_id": None,
            "created_at": now,
            "updated_at": now,
        }
    message["feedback"] = {"rating": rating} if rating else None  # what the history shows
    return json_reply(200, {"result": "success"})


def _bounded(query: Mapping[str, str], name: str, default: int, high: int | None) -> int | _Issue:
    raw = query.get(name)
    if raw is None:
        return default
    if not raw.strip().lstrip("-").isdigit():
        return (
            name,
            "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing",
            raw,
        )
    if int(raw) < 1:
        return (name, "Input should be greater than or equal to 1", "greater_than_equal", raw)
    if high is not None and int(raw) > high:
        return (name, f"Input should be less than or equal to {high}", "less_than_equal", raw)
    return int(raw)


def _view(feedback: JSON) -> JSON:
    # Naive ISO 8601 in UTC, as Dify's to_dict() writes its timestamp columns.
    def iso(stamp: int) -> str:
        return datetime.fromtimestamp(stamp, timezone.utc).replace(tzinfo=None).isoformat()

    return {**feedback, "created_at": iso(feedback["created_at"]), "updated_at": iso(feedback["updated_at"])}


@routes.add("GET", "/v1/app/feedbacks")
def get_feedbacks(app: App, call: Call) -> Reply:
    page, limit = _bounded(call.query, "page", 1, None), _bounded(call.query, "limit", 20, 101)
    if issues := [arg for arg in (page, limit) if isinstance(arg, tuple)]:
        raise pydantic_error("FeedbackListQuery", *issues)
    assert isinstance(page, int) and isinstance(limit, int)
    # Every user's feedback; Dify orders by created_at, then id, newest first, and counts nothing.
    ordered = sorted(app.state.feedbacks.values(), key=lambda f: (f["created_at"], f["id"]), reverse=True)
    return json_reply(200, {"data": [_view(f) for f in ordered[(page - 1) * limit : page * limit]]})
