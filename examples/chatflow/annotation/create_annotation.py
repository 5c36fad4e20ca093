"""Add a canned answer to the app, then take it out again: POST /v1/apps/annotations."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import DeleteAnnotationRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    body = CreateAnnotationRequestBody.builder().question("How do I reset my password?")
    body.answer("Open Settings > Account and choose Reset password.")
    try:
        # Never resent once its bytes went out: a retry could create the annotation twice.
        request = CreateAnnotationRequest.builder().request_body(body.build()).build()
        annotation = client.chatflow.v1.annotation.create_annotation(request, option)
        print(f"created annotation {annotation.id}: {annotation.question!r} -> {annotation.answer!r}")
        # Annotations are the app's, seen by every user: leave the app as the script found it.
        remove = DeleteAnnotationRequest.builder().annotation_id(annotation.id).build()
        client.chatflow.v1.annotation.delete_annotation(remove, option)
    except DifyError as e:
        sys.exit(f"creating the annotation failed: {e}")
