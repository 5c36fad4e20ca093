"""Turn annotation reply on: POST /v1/apps/annotation-reply/{action}."""

import os
import sys

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request import AnnotationReplySettingsRequest
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
)

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

# Dify answers from an annotation when its embedding is at least this similar to the question.
body = AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai")
body.embedding_model_name("text-embedding-3-small")
try:
    request = AnnotationReplySettingsRequest.builder().action("enable").request_body(body.build()).build()
    job = client.chatflow.v1.annotation.annotation_reply_settings(request, option)
except DifyError as e:
    sys.exit(f"enabling annotation reply failed: {e}")
# Dify embeds the annotations in the background: see annotation_reply_status.py to wait for the job.
print(f"enable job {job.job_id}: {job.job_status}")
