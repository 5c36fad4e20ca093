"""Text-to-speech against the real Dify 1.14.2, whose echo app has the feature off and no speech
model: the simulator with ``text_to_speech=False`` must refuse the same way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dify_oapi.testing.simulator import Simulator
from tests.live.conftest import RealDify
from tests.live.test_differential import side

USER = "audio-differential"
CASES: dict[str, dict[str, Any]] = {
    "a text, the feature off": {"text": "hello", "user": USER},
    "neither text nor message": {"user": USER},
    "a message id that is not a UUID": {"message_id": "nope", "user": USER},
    "a message id no message has": {"message_id": "00000000-0000-0000-0000-000000000001", "user": USER},
}


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator(text_to_speech=False) as running:
        yield running


@pytest.mark.parametrize("case", CASES)
def test_text_to_audio_answers_as_dify_does(case: str, simulator: Simulator, real_dify: RealDify) -> None:
    answers = []
    for name, domain, key in [
        ("simulator", simulator.url, simulator.api_key),
        ("real", real_dify.domain, real_dify.key),
    ]:
        with side(name, domain, key) as s:
            response = s.http.post("/text-to-audio", json=CASES[case])
            answers.append((response.status_code, response.headers["content-type"], response.json()))
    assert answers[0] == answers[1]
