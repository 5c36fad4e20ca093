"""Files on the wire (respx): what an upload sends for each kind of source, Dify's refusals as typed
errors (the bodies the real Dify 1.14.2 sent), and a preview read as bytes within ``max_body_bytes``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import (
    APIStatusError,
    BadRequestError,
    Client,
    InvalidRequestError,
    PayloadTooLargeError,
    RequestOption,
    ResponseTooLargeError,
    UnsupportedMediaTypeError,
)
from dify_oapi.api.chatflow.v1.model import PreviewFileRequest, UploadFileRequest, UploadFileRequestBody
from dify_oapi.testing.simulator.file import form_parts
from tests.conftest import DOMAIN, call, fixture_bytes

FILE_ID = "fb07e0a7-1dfd-49d0-a17a-d9ccbcf28371"
UPLOADED = fixture_bytes("uploaded_file.json")


def upload(body: Any) -> UploadFileRequest:
    return UploadFileRequest.builder().request_body(body.build()).build()


def sent_parts(route: respx.Route) -> dict[str, tuple[str | None, str, bytes]]:
    sent = route.calls.last.request
    parts = form_parts(sent.headers["Content-Type"], sent.content)
    return {part.name: (part.file_name, part.mime_type, part.content) for part in parts}


@pytest.fixture
def uploads(router: respx.MockRouter) -> respx.Route:
    return router.post("/v1/files/upload").mock(return_value=httpx.Response(201, content=UPLOADED))


def test_a_path_sends_its_name_its_implied_type_and_its_bytes(
    mode: str, uploads: respx.Route, client: Client, option: RequestOption, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 ...")

    call(
        mode,
        client.chatflow.v1.file,
        "upload_file",
        upload(UploadFileRequestBody.builder().file(str(path))),
        option,
    )

    assert sent_parts(uploads) == {
        "file": ("report.pdf", "application/pdf", b"%PDF-1.7 ...")
    }  # no user: not sent


def test_a_named_file_object_gives_its_name_and_a_stated_type_wins(
    uploads: respx.Route, client: Client, option: RequestOption, tmp_path: Path
) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"a,b\n")
    with path.open("rb") as opened:
        body = UploadFileRequestBody.builder().file(opened).mime_type("text/plain").user("u-1")
        client.chatflow.v1.file.upload_file(upload(body), option)

    assert sent_parts(uploads) == {"file": ("data.csv", "text/plain", b"a,b\n"), "user": (None, "", b"u-1")}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (lambda: UploadFileRequestBody.builder().file(b"abc"), r"UploadFileRequestBody\.file_name: Field required"),
        (lambda: UploadFileRequestBody.builder().file(io.BytesIO(b"abc")), r"UploadFileRequestBody\.file_name"),
        (lambda: UploadFileRequestBody.builder().file("/no/such/file.txt"), r"UploadFileRequestBody\.file: .*no such file"),
        (lambda: UploadFileRequestBody.builder().file(io.StringIO("abc")).file_name("a.txt"), r"\.file: .*text mode"),  # type: ignore[arg-type]
        (lambda: UploadFileRequestBody.builder().file(b"abc").file_name("a/b.txt"), r"UploadFileRequestBody\.file_name"),
        (lambda: UploadFileRequestBody.builder().file(b"abc").file_name(""), r"UploadFileRequestBody\.file_name"),
        (lambda: UploadFileRequestBody.builder().file(b"abc").file_name("a.txt").mime_type(""), r"\.mime_type"),
        (lambda: UploadFileRequestBody.builder().file(3).file_name("a.txt"), r"\.file: .*a path, bytes or a binary file"),  # type: ignore[arg-type]
    ],
    ids=["bytes without a name", "BytesIO without a name", "missing path", "text mode", "slash in name",
         "empty name", "empty type", "not a file"],
)  # fmt: skip
def test_an_upload_dify_would_refuse_or_that_cannot_be_read_fails_at_build(body: Any, problem: str) -> None:
    with pytest.raises(InvalidRequestError, match=problem):
        body().build()


@pytest.mark.parametrize(
    ("status", "reply", "error"),
    [
        (413, {"code": "file_too_large", "message": "", "status": 413}, PayloadTooLargeError),
        (415, {"code": "unsupported_file_type", "message": "File type not allowed.", "status": 415}, UnsupportedMediaTypeError),
        (400, {"code": "no_file_uploaded", "message": "Please upload your file.", "status": 400}, BadRequestError),
        (400, {"code": "filename_not_exists_error", "message": "The specified filename does not exist.", "status": 400}, BadRequestError),
    ],
    ids=["file_too_large", "unsupported_file_type", "no_file_uploaded", "filename_not_exists_error"],
)  # fmt: skip
def test_dify_s_refusals_are_typed_and_never_resent(
    mode: str,
    router: respx.MockRouter,
    client: Client,
    status: int,
    reply: dict[str, Any],
    error: type[APIStatusError],
) -> None:
    route = router.post("/v1/files/upload").mock(return_value=httpx.Response(status, json=reply))
    option = RequestOption.builder().api_key("app-k").max_retries(3).build()
    body = UploadFileRequestBody.builder().file(b"abc").file_name("a.txt")

    with pytest.raises(error) as raised:
        call(mode, client.chatflow.v1.file, "upload_file", upload(body), option)

    assert (raised.value.status_code, raised.value.code, raised.value.message) == (
        status,
        reply["code"],
        reply["message"],
    )
    assert route.call_count == 1


def test_a_proxy_s_413_page_is_payload_too_large_too(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    page = b"<html><head><title>413 Request Entity Too Large</title></head></html>"
    router.post("/v1/files/upload").mock(
        return_value=httpx.Response(413, content=page, headers={"Content-Type": "text/html"})
    )

    with pytest.raises(PayloadTooLargeError) as raised:
        client.chatflow.v1.file.upload_file(
            upload(UploadFileRequestBody.builder().file(b"a").file_name("a.txt")), option
        )

    assert raised.value.code is None and "413 Request Entity Too Large" in raised.value.message


def test_a_preview_gives_the_bytes_even_empty_ones(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    router.get(f"/v1/files/{FILE_ID}/preview").mock(
        return_value=httpx.Response(200, content=b"", headers={"Content-Type": "text/plain"})
    )

    served = call(
        mode,
        client.chatflow.v1.file,
        "preview_file",
        PreviewFileRequest.builder().file_id(FILE_ID).build(),
        option,
    )

    assert (served.content, served.content_type, served.file_name) == (b"", "text/plain", None)


def test_a_preview_larger_than_max_body_bytes_raises(router: respx.MockRouter, option: RequestOption) -> None:
    router.get(f"/v1/files/{FILE_ID}/preview").mock(return_value=httpx.Response(200, content=bytes(2048)))
    with (
        Client.builder().domain(DOMAIN).max_body_bytes(1024).build() as client,
        pytest.raises(ResponseTooLargeError),
    ):
        client.chatflow.v1.file.preview_file(PreviewFileRequest.builder().file_id(FILE_ID).build(), option)


def test_a_preview_file_id_must_be_a_uuid_as_dify_s_route_demands() -> None:
    with pytest.raises(InvalidRequestError, match=r"PreviewFileRequest\.file_id"):
        PreviewFileRequest.builder().file_id("file-1").build()
