"""Create an annotation, then remove it: DELETE /v1/apps/annotations/{annotation_id}."""

import sys
from pathlib import Path

from dify_oapi import DifyError, NotFoundError
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import DeleteAnnotationRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    body = CreateAnnotationRequestBody.builder().question("Is the beta still open?").answer("Yes").build()
    try:
        created = client.chatflow.v1.annotation.create_annotation(
            CreateAnnotationRequest.builder().request_body(body).build(), option
        )
        request = DeleteAnnotationRequest.builder().annotation_id(created.id).build()
        client.chatflow.v1.annotation.delete_annotation(request, option)
        print(f"deleted annotation {created.id}")
        try:
            client.chatflow.v1.annotation.delete_annotation(request, option)
        except NotFoundError as e:  # a delete retried after it went through: treat it as done
            print(f"deleting it again: {e.status} {e.message}")
    except DifyError as e:
        sys.exit(f"deleting the annotation failed: {e}")
