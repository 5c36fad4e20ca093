"""Create an annotation, correct its answer, then remove it: PUT /v1/apps/annotations/{annotation_id}."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import DeleteAnnotationRequest
from dify_oapi.api.chatflow.v1.model.update_annotation_request import UpdateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.update_annotation_request_body import UpdateAnnotationRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

question = "What are your support hours?"
with connect() as (client, option):
    body = CreateAnnotationRequestBody.builder().question(question).answer("9:00-17:00, Monday to Friday")
    try:
        created = client.chatflow.v1.annotation.create_annotation(
            CreateAnnotationRequest.builder().request_body(body.build()).build(), option
        )
        try:
            # Both fields are required: send the question again even when only the answer changes.
            fixed = UpdateAnnotationRequestBody.builder().question(question).answer("24/7, every day").build()
            request = UpdateAnnotationRequest.builder().annotation_id(created.id).request_body(fixed).build()
            updated = client.chatflow.v1.annotation.update_annotation(request, option)
            print(f"updated annotation {updated.id}: {created.answer!r} -> {updated.answer!r}")
        finally:
            # Annotations are the app's, seen by every user: leave the app as the script found it.
            remove = DeleteAnnotationRequest.builder().annotation_id(created.id).build()
            client.chatflow.v1.annotation.delete_annotation(remove, option)
    except DifyError as e:
        sys.exit(f"updating the annotation failed: {e}")
