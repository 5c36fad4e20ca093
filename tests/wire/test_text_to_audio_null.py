"""Dify 1.14.2 answers text-to-audio for a message it cannot speak with 200 and a JSON null."""

from __future__ import annotations

import httpx
import pytest
import respx

from dify_oapi import Client, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model.text_to_audio_request import TextToAudioRequest
from dify_oapi.api.chatflow.v1.model.text_to_audio_request_body import TextToAudioRequestBody
from tests.conftest import call

MESSAGE = "00000000-0000-0000-0000-000000000001"


def test_a_null_answer_raises_not_found_instead_of_passing_as_audio(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    # The bytes Dify sends: flask's jsonify of None.
    route = router.post("/v1/text-to-audio").mock(
        return_value=httpx.Response(200, content=b"null\n", headers={"Content-Type": "application/json"})
    )
    body = TextToAudioRequestBody.builder().message_id(MESSAGE).user("u-1").build()
    request = TextToAudioRequest.builder().request_body(body).build()

    with pytest.raises(NotFoundError) as caught:
        call(mode, client.chatflow.v1.audio, "text_to_audio", request, option)

    assert route.call_count == 1
    assert (caught.value.status_code, caught.value.code) == (200, None)
    assert "POST /v1/text-to-audio" in str(caught.value)
