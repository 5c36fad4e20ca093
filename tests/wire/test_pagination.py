"""The iterators walk every page lazily: items, order, how many requests, and when they are sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import Client, InvalidRequestError, RequestOption, ResponseValidationError
from dify_oapi.api.chatflow.v1.model import (
    GetAnnotationsRequest,
    GetConversationMessagesRequest,
    GetConversationsRequest,
    GetConversationVariablesRequest,
)
from dify_oapi.core.model import Request
from tests.conftest import fixture_bytes
from tests.helpers import Driver

Server = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> dict[str, Any]:
    item: dict[str, Any] = json.loads(fixture_bytes(name))["data"][0]
    return item


CONV = "5e1b3c2a-0d4f-4e6a-9b8c-7a6f5e4d3c2b"


def x(i: int) -> str:
    """The id of the ``i``-th made item: a UUID, as Dify's cursors must be."""
    return f"00000000-0000-4000-8000-{i:012d}"


def made(name: str, count: int) -> list[dict[str, Any]]:
    """``count`` copies of a recorded item, ids ``x(0)``, ``x(1)``, ... in ascending ``created_at``."""
    return [{**recorded(name), "id": x(i), "created_at": 1767772800 + i} for i in range(count)]


def limit_of(request: httpx.Request) -> int:
    return int(request.url.params.get("limit", 20))


def after_last_id(items: list[dict[str, Any]]) -> Server:
    """Dify's keyset pages (conversations, variables): the items after ``last_id``; ``has_more`` exact."""

    def serve(request: httpx.Request) -> httpx.Response:
        last_id, limit = request.url.params.get("last_id"), limit_of(request)
        start = next(i + 1 for i, item in enumerate(items) if item["id"] == last_id) if last_id else 0
        data = items[start : start + limit]
        return httpx.Response(
            200, json={"limit": limit, "has_more": start + limit < len(items), "data": data}
        )

    return serve


def before_first_id(messages: list[dict[str, Any]]) -> Server:
    """Dify's history: the latest page first, then the messages older than ``first_id``, oldest first."""

    def serve(request: httpx.Request) -> httpx.Response:
        first_id, limit = request.url.params.get("first_id"), limit_of(request)
        end = next(i for i, m in enumerate(messages) if m["id"] == first_id) if first_id else len(messages)
        data = messages[max(0, end - limit) : end]
        return httpx.Response(200, json={"limit": limit, "has_more": end - limit > 0, "data": data})

    return serve


def numbered(annotations: list[dict[str, Any]]) -> Server:
    """Dify's annotation pages: ``has_more`` is ``len(data) == limit``, true on an exactly full last page."""

    def serve(request: httpx.Request) -> httpx.Response:
        page, limit = int(request.url.params.get("page", 1)), limit_of(request)
        data = annotations[(page - 1) * limit : page * limit]
        body = {
            "data": data,
            "has_more": len(data) == limit,
            "limit": limit,
            "total": len(annotations),
            "page": page,
        }
        return httpx.Response(200, json=body)

    return serve


def take(
    mode: str, resource: Any, name: str, request: Request, option: RequestOption, n: int | None = None
) -> list[Any]:
    """The first ``n`` items (all when None) from ``iter_<name>`` or ``aiter_<name>``."""
    return Driver(mode).walk(resource, name, request, option, n)


def sent(route: respx.Route, param: str) -> list[str | None]:
    return [call.request.url.params.get(param) for call in route.calls]


def test_conversations_follow_last_id(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.get("/v1/conversations").mock(
        side_effect=after_last_id(made("conversations_page.json", 45))
    )
    request = GetConversationsRequest.builder().user("u-1").build()

    items = take(mode, client.chatflow.v1.conversation, "conversations", request, option)

    assert [c.id for c in items] == [x(i) for i in range(45)]
    assert sent(route, "last_id") == [None, x(19), x(39)]
    assert sent(route, "user") == ["u-1"] * 3


def test_messages_follow_first_id_newest_page_first(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.get("/v1/messages").mock(side_effect=before_first_id(made("messages_page.json", 45)))
    request = GetConversationMessagesRequest.builder().conversation_id(CONV).build()

    items = take(mode, client.chatflow.v1.conversation, "conversation_messages", request, option)

    # Pages newest first, each page oldest first, as Dify sends it.
    pages = [range(25, 45), range(5, 25), range(5)]
    assert [m.id for m in items] == [x(i) for page in pages for i in page]
    assert sent(route, "first_id") == [None, x(25), x(5)]
    assert sent(route, "conversation_id") == [CONV] * 3


def test_variables_follow_last_id(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    path = f"/v1/conversations/{CONV}/variables"
    route = router.get(path).mock(side_effect=after_last_id(made("conversation_variables_page.json", 5)))
    request = GetConversationVariablesRequest.builder().conversation_id(CONV).limit(2).build()

    items = take(mode, client.chatflow.v1.conversation, "conversation_variables", request, option)

    assert [v.id for v in items] == [x(0), x(1), x(2), x(3), x(4)]
    assert sent(route, "last_id") == [None, x(1), x(3)]
    assert sent(route, "limit") == ["2"] * 3


@pytest.mark.parametrize(("count", "pages"), [(45, ["1", "2", "3"]), (40, ["1", "2"]), (0, ["1"])])
def test_annotations_stop_on_total_not_has_more(
    count: int, pages: list[str], mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    # With 40 annotations, page 2 is exactly full: Dify says has_more, the iterator knows better.
    route = router.get("/v1/apps/annotations").mock(
        side_effect=numbered(made("annotations_page.json", count))
    )

    items = take(
        mode, client.chatflow.v1.annotation, "annotations", GetAnnotationsRequest.builder().build(), option
    )

    assert [a.id for a in items] == [x(i) for i in range(count)]
    assert [page or "1" for page in sent(route, "page")] == pages


@pytest.mark.parametrize(("n", "requests"), [(1, 1), (20, 1), (21, 2)])
def test_pages_are_fetched_only_when_needed(
    n: int, requests: int, mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.get("/v1/conversations").mock(
        side_effect=after_last_id(made("conversations_page.json", 45))
    )

    items = take(mode, client.chatflow.v1.conversation, "conversations", GetConversationsRequest(), option, n)

    assert len(items) == n
    assert route.call_count == requests


def test_an_empty_page_ends_the_walk(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    empty = httpx.Response(200, json={"limit": 20, "has_more": True, "data": []})
    route = router.get("/v1/conversations").mock(return_value=empty)

    assert (
        take(mode, client.chatflow.v1.conversation, "conversations", GetConversationsRequest(), option) == []
    )
    assert route.call_count == 1


def test_the_wrong_request_type_fails_before_iteration(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.route()
    conversation = client.chatflow.v1.conversation
    wrong: Any = GetAnnotationsRequest()
    with pytest.raises(InvalidRequestError, match="expected GetConversationsRequest"):
        conversation.iter_conversations(wrong, option)
    with pytest.raises(InvalidRequestError, match="expected GetConversationsRequest"):
        conversation.aiter_conversations(wrong, option)
    assert route.call_count == 0


def test_a_server_ignoring_the_cursor_raises_instead_of_looping(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    same = httpx.Response(
        200, json={"limit": 20, "has_more": True, "data": made("conversations_page.json", 20)}
    )
    route = router.get("/v1/conversations").mock(return_value=same)

    with pytest.raises(ResponseValidationError, match="next page's request is this one again"):
        take(mode, client.chatflow.v1.conversation, "conversations", GetConversationsRequest(), option)
    assert route.call_count == 2


def test_a_newest_first_message_page_still_pages_back_from_its_oldest(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    # Order inside a message page is unconfirmed for the newest Dify: the oldest end is the cursor either way.
    oldest_first = before_first_id(made("messages_page.json", 30))

    def newest_first(request: httpx.Request) -> httpx.Response:
        body = json.loads(oldest_first(request).content)
        return httpx.Response(200, json={**body, "data": body["data"][::-1]})

    route = router.get("/v1/messages").mock(side_effect=newest_first)
    request = GetConversationMessagesRequest.builder().conversation_id(CONV).build()

    items = take(mode, client.chatflow.v1.conversation, "conversation_messages", request, option)

    assert sorted(m.id for m in items) == [x(i) for i in range(30)]
    assert sent(route, "first_id") == [None, x(10)]


def test_a_cursor_the_request_could_not_carry_is_the_servers_fault(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    page = {
        "limit": 1,
        "has_more": True,
        "data": [{**recorded("conversations_page.json"), "id": "not-a-uuid"}],
    }
    route = router.get("/v1/conversations").respond(200, json=page)
    request = GetConversationsRequest.builder().user("u-1").limit(1).build()
    with pytest.raises(ResponseValidationError, match="next-page cursor: GetConversationsRequest.last_id"):
        list(client.chatflow.v1.conversation.iter_conversations(request, option))
    assert route.call_count == 1
