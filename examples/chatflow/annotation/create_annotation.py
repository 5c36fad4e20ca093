"""Add a canned answer to the app: POST /v1/apps/annotations."""

import os
import sys

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

body = CreateAnnotationRequestBody.builder().question("How do I reset my password?")
body.answer("Open Settings > Account and choose Reset password.")
try:
    # Never resent once its bytes went out: a retry could create the annotation twice.
    request = CreateAnnotationRequest.builder().request_body(body.build()).build()
    annotation = client.chatflow.v1.annotation.create_annotation(request, option)
except DifyError as e:
    sys.exit(f"creating the annotation failed: {e}")
print(f"created annotation {annotation.id}: {annotation.question!r} -> {annotation.answer!r}")
