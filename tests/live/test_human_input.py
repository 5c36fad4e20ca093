"""Human input against the real Dify 1.14.2. Its apps have no Human Input node, so no run pauses
there: what it can show is how the form routes refuse, and the simulator must refuse the same way."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from dify_oapi import Client, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model.get_human_input_form_request import GetHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request import SubmitHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request_body import (
    SubmitHumanInputFormRequestBody,
)
from dify_oapi.testing.simulator import Simulator
from tests.conftest import call
from tests.live.conftest import RealDify
from tests.live.test_differential import error, side

USER = f"human-input-{uuid.uuid4().hex[:10]}"
TOKEN = "hT3kq9ZbVxW2mLr7YpC4nA"  # well-formed, and no form of the echo app has it
PATH = f"/form/human_input/{TOKEN}"
CASES: dict[str, tuple[str, Any]] = {
    "get an unknown form": ("GET", None),
    "answer an unknown form": ("POST", {"inputs": {}, "action": "approve", "user": USER}),
    "answer without a user": ("POST", {"inputs": {}, "action": "approve"}),
    "answer without inputs or action": ("POST", {"user": USER}),
}


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


@pytest.mark.parametrize("case", CASES)
def test_the_form_routes_refuse_as_dify_does(case: str, simulator: Simulator, real_dify: RealDify) -> None:
    method, body = CASES[case]
    answers = []
    for name, domain, key in [
        ("simulator", simulator.url, simulator.api_key),
        ("real", real_dify.domain, real_dify.key),
    ]:
        with side(name, domain, key) as s:
            response: httpx.Response = s.http.request(method, PATH, json=body)
            answers.append(error(response))
    assert answers[0] == answers[1]


def test_the_client_reports_an_unknown_form(mode: str, real_dify: RealDify) -> None:
    option = RequestOption.builder().api_key(real_dify.key).build()
    with Client.builder().domain(real_dify.domain).build() as client:
        human_input = client.chatflow.v1.human_input
        request = GetHumanInputFormRequest.builder().form_token(TOKEN).build()
        with pytest.raises(NotFoundError) as missing:
            call(mode, human_input, "get_human_input_form", request, option)
        assert (missing.value.status_code, missing.value.code, missing.value.message) == (
            404,
            "not_found",
            "Form not found.",
        )
        answer = SubmitHumanInputFormRequestBody.builder().inputs({}).action("approve").user(USER).build()
        submit = SubmitHumanInputFormRequest.builder().form_token(TOKEN).request_body(answer).build()
        with pytest.raises(NotFoundError):
            call(mode, human_input, "submit_human_input_form", submit, option)
