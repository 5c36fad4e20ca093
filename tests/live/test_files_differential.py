"""The same file requests, byte for byte, to the simulator (file upload off, as in the echo app) and
to the real Dify 1.14.2: statuses, content types, key shapes, error codes and messages match."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from dify_oapi.testing.simulator import Simulator
from tests.live.conftest import RealDify
from tests.live.test_differential import Side, error, shape, side

USER = f"differential-files-{uuid.uuid4().hex[:10]}"
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def sides(real_dify: RealDify) -> Iterator[tuple[Side, Side]]:
    with (
        Simulator(file_upload=False) as simulator,
        side("simulator", simulator.url, simulator.api_key) as sim_side,
        side("real", real_dify.domain, real_dify.key) as real_side,
    ):
        yield sim_side, real_side
        for each in (sim_side, real_side):
            for conversation in each.http.get("/conversations", params={"user": USER}).json()["data"]:
                each.http.request("DELETE", f"/conversations/{conversation['id']}", json={"user": USER})


def hand_made(part_headers: str) -> dict[str, Any]:
    """One part with exactly these headers, for what httpx never sends (no type, an empty name)."""
    body = f"--b\r\n{part_headers}\r\n\r\nabc\r\n--b--\r\n".encode()
    return {"content": body, "headers": {"Content-Type": "multipart/form-data; boundary=b"}}


CASES: dict[str, dict[str, Any]] = {
    "no file part": {"data": {"user": USER}, "files": {"other": ("a.txt", b"a", "text/plain")}},
    "not multipart": {"json": {"user": USER}},
    "two file fields": {
        "files": {"file": ("a.txt", b"a", "text/plain"), "more": ("b.txt", b"b", "text/plain")}
    },
    "no type": hand_made('Content-Disposition: form-data; name="file"; filename="a.txt"'),
    "empty name": hand_made(
        'Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: text/plain'
    ),
    "image over 10 MB": {"files": {"file": ("big.png", bytes(10 * MIB + 1), "image/png")}},
}


@pytest.mark.parametrize("case", CASES)
def test_a_refused_upload(sides: tuple[Side, Side], case: str) -> None:
    answers = [each.http.post("/files/upload", **CASES[case]) for each in sides]
    assert error(answers[0]) == error(answers[1])
    assert answers[1].status_code in (400, 413, 415)


def test_one_field_with_two_files_keeps_the_first(sides: tuple[Side, Side]) -> None:
    twice = [("file", ("a.txt", b"first", "text/plain")), ("file", ("b.txt", b"second!", "text/plain"))]
    answers = [each.http.post("/files/upload", files=twice).json() for each in sides]
    assert [(a["name"], a["size"]) for a in answers] == [("a.txt", 5), ("a.txt", 5)]


def test_an_upload_then_a_chat_with_it_then_its_preview(sides: tuple[Side, Side]) -> None:
    shapes, previews = [], []
    for each in sides:
        uploaded = each.http.post(
            "/files/upload", data={"user": USER}, files={"file": ("n.txt", b"notes", "text/plain")}
        )
        assert uploaded.status_code == 201 and uploaded.headers["content-type"] == "application/json"
        stored = uploaded.json()
        shapes.append(shape(stored))
        attached = {"type": "document", "transfer_method": "local_file", "upload_file_id": stored["id"]}
        assert each.chat("with a file", "blocking", files=[attached]).status_code == 200
        previews.append(error(each.http.get(f"/files/{stored['id']}/preview", params={"user": USER})))
    assert shapes[0] == shapes[1]
    assert (
        previews[0]
        == previews[1]
        == (404, "application/json", "file_not_found", "File not found in message context")
    )


def test_a_preview_of_a_file_never_uploaded(sides: tuple[Side, Side]) -> None:
    answers = [
        each.http.get(f"/files/{uuid.uuid4()}/preview", params={"as_attachment": "true"}) for each in sides
    ]
    assert error(answers[0]) == error(answers[1])


def test_a_preview_id_that_is_not_a_uuid_gets_the_html_page(sides: tuple[Side, Side]) -> None:
    answers: list[httpx.Response] = [each.http.get("/files/file-1/preview") for each in sides]
    assert [a.status_code for a in answers] == [404, 404]
    assert error(answers[0]) == error(answers[1])
