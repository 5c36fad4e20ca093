"""The app and feedback APIs beyond the wire table: what builders refuse, how the feedback pages end,
and what the parameters model keeps of shapes the echo app does not send."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import APIConnectionError, Client, InvalidRequestError, PermissionDeniedError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    GetFeedbacksRequest,
    GetParametersResponse,
    GetSiteRequest,
    SubmitFeedbackRequest,
    SubmitFeedbackRequestBody,
)
from tests.conftest import fixture_bytes
from tests.helpers import Driver

MSG = "5e1b3c2a-0d4f-4e6a-9b8c-7a6f5e4d3c2b"
RECORDED = json.loads(fixture_bytes("real_app_and_feedback.json"))


def untyped(value: object) -> Any:
    """A value mypy would refuse, as an untyped caller could still pass it."""
    return value


def feedback(**fields: Any) -> SubmitFeedbackRequestBody:
    body = SubmitFeedbackRequestBody.builder()
    for name, value in fields.items():
        getattr(body, name)(value)
    return body.build()


@pytest.mark.parametrize(
    ("build", "names"),
    [
        (lambda: feedback(rating="like"), "SubmitFeedbackRequestBody.user"),
        (lambda: feedback(user="", rating="like"), "SubmitFeedbackRequestBody.user"),
        (lambda: feedback(user="u", rating=untyped("meh")), "SubmitFeedbackRequestBody.rating"),
        (lambda: feedback(user="u", rating=untyped("")), "SubmitFeedbackRequestBody.rating"),
        (lambda: feedback(user="u", rating="like", content=untyped(5)), "SubmitFeedbackRequestBody.content"),
        (
            lambda: (
                SubmitFeedbackRequest.builder()
                .message_id("not-a-uuid")
                .request_body(feedback(user="u"))
                .build()
            ),
            "SubmitFeedbackRequest.message_id",
        ),
        (lambda: GetFeedbacksRequest.builder().limit(102).build(), "GetFeedbacksRequest.limit"),
        (lambda: GetFeedbacksRequest.builder().limit(0).build(), "GetFeedbacksRequest.limit"),
        (lambda: GetFeedbacksRequest.builder().page(0).build(), "GetFeedbacksRequest.page"),
    ],
)
def test_what_dify_refuses_is_refused_at_build(build: Any, names: str, router: respx.MockRouter) -> None:
    with pytest.raises(InvalidRequestError, match=names.replace(".", r"\.")):
        build()
    assert not router.calls


def test_what_dify_accepts_builds() -> None:
    assert GetFeedbacksRequest.builder().limit(101).page(99999).build().limit == 101
    # No rating withdraws; content may go with either rating, or be left out.
    assert feedback(user="u").rating is None
    assert feedback(user="u", rating="dislike", content="").content == ""


def test_a_withdrawal_sends_the_user_alone(
    drive: Driver, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.post(f"/v1/messages/{MSG}/feedbacks").mock(
        return_value=httpx.Response(200, json={"result": "success"})
    )
    request = SubmitFeedbackRequest.builder().message_id(MSG).request_body(feedback(user="u", rating=None))

    assert (
        drive.call(client.chatflow.v1.feedback, "submit_feedback", request.build(), option).result
        == "success"
    )
    assert json.loads(route.calls.last.request.content) == {"user": "u"}  # Dify reads no rating as null


def test_feedback_is_not_sent_again_when_the_connection_drops_after_sending(
    drive: Driver, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    # Dify may have stored it: a withdrawal sent twice would come back 400 for what succeeded.
    dropped = httpx.RemoteProtocolError("Server disconnected without sending a response.")
    route = router.post(f"/v1/messages/{MSG}/feedbacks").mock(
        side_effect=[dropped, httpx.Response(200, json={"result": "success"})]
    )
    request = SubmitFeedbackRequest.builder().message_id(MSG).request_body(feedback(user="u")).build()

    with pytest.raises(APIConnectionError):
        drive.call(client.chatflow.v1.feedback, "submit_feedback", request, option)
    assert route.call_count == 1


def offset_pages(total: int) -> Any:
    """Dify's feedback list: LIMIT/OFFSET over ``total`` rows, no count, no has_more."""
    row = RECORDED["feedbacks"]["data"][0]

    def serve(request: httpx.Request) -> httpx.Response:
        page, limit = int(request.url.params.get("page", 1)), int(request.url.params.get("limit", 20))
        rows = [{**row, "id": f"00000000-0000-4000-8000-{i:012d}"} for i in range(total)]
        return httpx.Response(200, json={"data": rows[(page - 1) * limit : page * limit]})

    return serve


@pytest.mark.parametrize(
    ("total", "limit", "pages_asked"),
    [
        (5, 2, ["1", "2", "3"]),
        (4, 2, ["1", "2", "3"]),
        (0, None, ["1"]),
        (3, None, ["1"]),
        (20, None, ["1", "2"]),
    ],
)
def test_iter_feedbacks_stops_after_a_short_page(
    drive: Driver,
    router: respx.MockRouter,
    client: Client,
    option: RequestOption,
    total: int,
    limit: int | None,
    pages_asked: list[str],
) -> None:
    route = router.get("/v1/app/feedbacks").mock(side_effect=offset_pages(total))
    request = GetFeedbacksRequest.builder().limit(limit).build()

    items = drive.walk(client.chatflow.v1.feedback, "feedbacks", request, option)

    assert [item.id[-2:] for item in items] == [f"{i:02d}" for i in range(total)]
    assert [call.request.url.params.get("page", "1") for call in route.calls] == pages_asked


def test_parameters_keep_a_control_type_dify_adds_later_and_every_file_setting() -> None:
    control = {"variable": "when", "label": "When", "required": True, "type": "date-picker", "format": "iso"}
    file_list = {"variable": "docs", "label": "Docs", "type": "file-list", "max_length": 3, "options": None}
    file_list |= {"allowed_file_types": ["document"], "allowed_file_upload_methods": ["local_file"]}
    upload = {"enabled": True, "allowed_file_types": ["image"], "number_limits": 3, "fileUploadConfig": {}}
    upload["image"] = {
        "enabled": True,
        "number_limits": 3,
        "detail": "high",
        "transfer_methods": ["local_file"],
    }
    body = {**RECORDED["parameters"], "file_upload": upload}
    body["user_input_form"] = [
        {"date-picker": control},
        {"file-list": file_list},
        {"select": {"variable": "s", "label": "S", "options": ["a", "b"]}},
    ]

    parameters = GetParametersResponse.model_validate(body)

    when, docs, choice = parameters.user_input_form
    assert (when.type, when.required, when.model_extra) == ("date-picker", True, {"format": "iso"})
    assert (docs.type, docs.max_length, docs.options, docs.allowed_file_types) == (
        "file-list",
        3,
        [],
        ["document"],
    )
    assert (choice.type, choice.options) == (
        "select",
        ["a", "b"],
    )  # an older app's control omits its type inside
    assert parameters.input_control("s") is choice and parameters.input_control("nope") is None
    assert parameters.file_upload.image is not None and parameters.file_upload.image.transfer_methods == [
        "local_file"
    ]
    assert parameters.file_upload.model_extra == {"fileUploadConfig": {}}


def test_an_app_without_a_web_app_answers_site_with_permission_denied(
    drive: Driver, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    # Werkzeug's Forbidden, as Dify's handler renders it when the app has no site row.
    message = (
        "You don't have the permission to access the requested resource. "
        "It is either read-protected or not readable by the server."
    )
    forbidden = {"code": "forbidden", "message": message, "status": 403}
    router.get("/v1/site").mock(return_value=httpx.Response(403, json=forbidden))

    with pytest.raises(PermissionDeniedError) as caught:
        drive.call(client.chatflow.v1.app, "get_site", GetSiteRequest.builder().build(), option)
    assert (caught.value.status_code, caught.value.code, caught.value.message) == (403, "forbidden", message)
