"""Turn annotation reply on: POST /v1/apps/annotation-reply/{action}.

Dify then embeds the app's annotations in a background job, with the embedding model named here;
annotation_reply_status.py waits for that job and turns annotation reply off again.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request import AnnotationReplySettingsRequest
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    # Dify answers from an annotation when its embedding is at least this similar to the question.
    body = AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai")
    body.embedding_model_name("text-embedding-3-small")
    try:
        request = AnnotationReplySettingsRequest.builder().action("enable").request_body(body.build()).build()
        job = client.chatflow.v1.annotation.annotation_reply_settings(request, option)
    except DifyError as e:
        sys.exit(f"enabling annotation reply failed: {e}")
    print(f"enable job {job.job_id}: {job.job_status}")
