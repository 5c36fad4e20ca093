"""Add two annotations, find them by keyword across numbered pages, then remove them: GET /v1/apps/annotations."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import DeleteAnnotationRequest
from dify_oapi.api.chatflow.v1.model.get_annotations_request import GetAnnotationsRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

canned = [("Which plans include SSO?", "Team and Enterprise."), ("Can I self-host?", "Yes, with SSO.")]
with connect() as (client, option):
    created: list[str] = []
    try:
        try:
            for question, answer in canned:
                body = CreateAnnotationRequestBody.builder().question(question).answer(answer).build()
                create = CreateAnnotationRequest.builder().request_body(body).build()
                created.append(client.chatflow.v1.annotation.create_annotation(create, option).id)
            # keyword matches the question or the answer; limit(1) makes iter_annotations walk page after page.
            request = GetAnnotationsRequest.builder().keyword("SSO").limit(1).build()
            page = client.chatflow.v1.annotation.get_annotations(request, option)
            print(f"{page.total} annotations match 'SSO'")
            for annotation in client.chatflow.v1.annotation.iter_annotations(request, option):
                print(f"annotation {annotation.id}: {annotation.question!r} -> {annotation.answer!r}")
        finally:
            # Annotations are the app's, seen by every user: leave the app as the script found it.
            for annotation_id in created:
                remove = DeleteAnnotationRequest.builder().annotation_id(annotation_id).build()
                client.chatflow.v1.annotation.delete_annotation(remove, option)
    except DifyError as e:
        sys.exit(f"listing annotations failed: {e}")
