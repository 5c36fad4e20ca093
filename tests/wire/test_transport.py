"""Status → exception mapping, retries and their limits, over HTTP through respx."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    Client,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestOption,
    ResponseTooLargeError,
    ResponseValidationError,
    UnsupportedMediaTypeError,
)
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import DeleteAnnotationRequest
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from tests.conftest import API_KEY, DOMAIN, call, fixture_bytes

SUGGESTED = "/v1/messages/3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e/suggested"
EXPECTED_CLASS = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    415: UnsupportedMediaTypeError,
    429: RateLimitError,
    500: InternalServerError,
}
ERROR_CASES = json.loads(fixture_bytes("error_bodies.json"))


def suggested() -> GetSuggestedQuestionsRequest:
    return (
        GetSuggestedQuestionsRequest.builder()
        .message_id("3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e")
        .user("u-1")
        .build()
    )


def no_retries() -> RequestOption:
    return RequestOption.builder().api_key(API_KEY).max_retries(0).build()


@pytest.mark.parametrize("case", ERROR_CASES, ids=[case["case"] for case in ERROR_CASES])
def test_every_recorded_dify_error_body_maps_to_its_exception(
    case: dict[str, Any], router: respx.MockRouter, client: Client, mode: str
) -> None:
    router.get(SUGGESTED).respond(case["http_status"], json=case["body"], headers=case.get("headers", {}))
    with pytest.raises(APIStatusError) as raised:
        call(mode, client.chatflow.v1.chatflow, "get_suggested_questions", suggested(), no_retries())
    error = raised.value
    assert type(error) is EXPECTED_CLASS.get(case["http_status"], APIStatusError)
    assert (error.status, error.code, error.message) == (
        case["http_status"],
        case["body"]["code"],
        case["body"]["message"],
    )
    assert str(error) == f"{error.status} {error.code}: {error.message} (GET {SUGGESTED})"


def test_gateway_html_page_becomes_a_status_error_with_the_page_start(
    router: respx.MockRouter, client: Client, mode: str
) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body>" + "x" * 500 + "</body></html>"
    router.get(SUGGESTED).respond(502, text=page, headers={"content-type": "text/html"})
    with pytest.raises(InternalServerError) as raised:
        call(mode, client.chatflow.v1.chatflow, "get_suggested_questions", suggested(), no_retries())
    assert raised.value.status == 502 and raised.value.code is None
    assert raised.value.message == page[:200]


def test_connection_errors_keep_the_route_but_not_the_query(
    router: respx.MockRouter, client: Client, slept: list[float], mode: str
) -> None:
    router.get(SUGGESTED).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as raised:
        call(mode, client.chatflow.v1.chatflow, "get_suggested_questions", suggested(), no_retries())
    assert (raised.value.method, raised.value.url) == ("GET", SUGGESTED) and "u-1" not in str(raised.value)


def test_reply_that_does_not_fit_the_model_names_the_field(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.get(SUGGESTED).respond(200, json={"result": "success", "data": "not a list"})
    with pytest.raises(ResponseValidationError, match="GetSuggestedQuestionsResponse.*data"):
        call(mode, client.chatflow.v1.chatflow, "get_suggested_questions", suggested(), option)


def test_body_over_the_cap_raises(router: respx.MockRouter, mode: str) -> None:
    router.get(SUGGESTED).respond(200, json={"result": "success", "data": ["x" * 5000]})
    small = Client.builder().domain(DOMAIN).max_body_bytes(1000).build()
    with pytest.raises(ResponseTooLargeError):
        call(mode, small.chatflow.v1.chatflow, "get_suggested_questions", suggested(), no_retries())


def test_domain_with_or_without_v1_hits_the_same_route(
    router: respx.MockRouter, option: RequestOption
) -> None:
    route = router.get(SUGGESTED).respond(200, json={"result": "success", "data": []})
    for domain in (DOMAIN, DOMAIN + "/", DOMAIN + "/v1", DOMAIN + "/v1/"):
        with Client.builder().domain(domain).build() as client:
            client.chatflow.v1.chatflow.get_suggested_questions(suggested(), option)
    assert route.call_count == 4


def test_an_injected_http_client_keeps_its_default_headers(
    router: respx.MockRouter, option: RequestOption
) -> None:
    route = router.get(SUGGESTED).respond(200, json={"result": "success", "data": []})
    own = httpx.Client(headers={"X-Tenant": "t-1"})
    client = Client.builder().domain(DOMAIN).http_client(own).build()
    client.chatflow.v1.chatflow.get_suggested_questions(suggested(), option)
    sent = route.calls.last.request.headers
    assert sent["x-tenant"] == "t-1" and sent["user-agent"].startswith("dify_oapi")


def test_a_delete_resent_after_a_lost_reply_that_finds_the_item_gone_is_done(
    router: respx.MockRouter, client: Client, option: RequestOption, slept: list[float], mode: str
) -> None:
    gone = {"code": "not_found", "message": "Annotation not found", "status": 404}
    route = router.delete("/v1/apps/annotations/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
    route.side_effect = [httpx.ReadTimeout("reply lost"), httpx.Response(404, json=gone)]
    request = DeleteAnnotationRequest.builder().annotation_id("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d").build()
    reply = call(mode, client.chatflow.v1.annotation, "delete_annotation", request, option)
    assert reply.model_extra == {} and route.call_count == 2


def test_a_delete_of_a_missing_item_on_the_first_try_is_not_found(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.delete("/v1/apps/annotations/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d").respond(
        404, json={"code": "not_found", "message": "Annotation not found", "status": 404}
    )
    with pytest.raises(NotFoundError):
        call(
            mode,
            client.chatflow.v1.annotation,
            "delete_annotation",
            DeleteAnnotationRequest.builder().annotation_id("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d").build(),
            option,
        )
