"""Add two annotations, then find them by keyword across numbered pages: GET /v1/apps/annotations."""

import os
import sys

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.get_annotations_request import GetAnnotationsRequest

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

canned = [("Which plans include SSO?", "Team and Enterprise."), ("Can I self-host?", "Yes, with SSO.")]
try:
    for question, answer in canned:
        body = CreateAnnotationRequestBody.builder().question(question).answer(answer).build()
        create = CreateAnnotationRequest.builder().request_body(body).build()
        client.chatflow.v1.annotation.create_annotation(create, option)
    # keyword matches the question or the answer; limit(1) makes iter_annotations walk page after page.
    request = GetAnnotationsRequest.builder().keyword("SSO").limit(1).build()
    page = client.chatflow.v1.annotation.get_annotations(request, option)
    print(f"{page.total} annotations match 'SSO'")
    for annotation in client.chatflow.v1.annotation.iter_annotations(request, option):
        print(f"annotation {annotation.id}: {annotation.question!r} -> {annotation.answer!r}")
except DifyError as e:
    sys.exit(f"listing annotations failed: {e}")
