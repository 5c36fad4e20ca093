"""Enable annotation reply and wait for the job: GET /v1/apps/annotation-reply/{action}/status/{job_id}."""

import os
import sys
import time

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request import AnnotationReplySettingsRequest
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_request import AnnotationReplyStatusRequest
from dify_oapi.api.chatflow.v1.model.common import AnnotationReplyJob

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

body = AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai")
body.embedding_model_name("text-embedding-3-small")
try:
    enable = AnnotationReplySettingsRequest.builder().action("enable").request_body(body.build()).build()
    job: AnnotationReplyJob = client.chatflow.v1.annotation.annotation_reply_settings(enable, option)
    status = AnnotationReplyStatusRequest.builder().action("enable").job_id(job.job_id).build()
    while job.job_status not in ("completed", "error"):
        print(f"job {job.job_id}: {job.job_status}")
        time.sleep(0.5)
        job = client.chatflow.v1.annotation.annotation_reply_status(status, option)
except DifyError as e:
    sys.exit(f"annotation reply job failed: {e}")
if job.job_status == "error":
    sys.exit(f"job {job.job_id}: error: {job.error_msg}")
print(f"job {job.job_id}: {job.job_status}")
