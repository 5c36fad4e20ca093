"""Speech-to-text against the real Dify 1.14.2, whose echo app has no speech model. Dify reads the
file part before it checks the feature, so a request without one is refused alike by both."""

from __future__ import annotations

from dify_oapi.testing.simulator import Simulator
from tests.live.conftest import RealDify
from tests.live.test_differential import side

USER = "audio-to-text-differential"


def test_a_request_without_a_file_part_is_refused_as_dify_does(real_dify: RealDify) -> None:
    answers = []
    with Simulator() as simulator:
        for name, domain, key in [
            ("simulator", simulator.url, simulator.api_key),
            ("real", real_dify.domain, real_dify.key),
        ]:
            with side(name, domain, key) as s:
                # A multipart body holding only the form field: Werkzeug's request.files has no "file".
                response = s.http.post("/audio-to-text", files={"user": (None, USER)})
                answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1]
    assert answers[0][1]["code"] == "bad_request_key_error"
