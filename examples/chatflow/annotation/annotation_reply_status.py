"""Turn annotation reply on, then off, waiting for each job: GET /v1/apps/annotation-reply/{action}/status/{job_id}.

Enabling embeds the app's annotations with the model named below. Where the workspace lacks that
model and the app has annotations, the job ends in "error" and the script exits with the one line
``enable job …: error: …``; an app without annotations needs no embedding, and its job completes.
"""

import sys
import time
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model import AnnotationAction
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request import AnnotationReplySettingsRequest
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_request import AnnotationReplyStatusRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

# Dify's worker runs a job within a second or two; one that waits far longer has no worker to run it.
PATIENCE_SECONDS = 30
ACTIONS: tuple[AnnotationAction, ...] = ("enable", "disable")

with connect() as (client, option):
    body = AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai")
    settings = body.embedding_model_name("text-embedding-3-small").build()
    try:
        for action in ACTIONS:
            start = AnnotationReplySettingsRequest.builder().action(action).request_body(settings).build()
            job = client.chatflow.v1.annotation.annotation_reply_settings(start, option)
            status = AnnotationReplyStatusRequest.builder().action(action).job_id(job.job_id).build()
            state, error, deadline = job.job_status, None, time.monotonic() + PATIENCE_SECONDS
            while state not in ("completed", "error"):
                print(f"{action} job {job.job_id}: {state}")
                if time.monotonic() > deadline:
                    sys.exit(f"{action} job {job.job_id}: still {state} after {PATIENCE_SECONDS} s")
                time.sleep(0.5)
                polled = client.chatflow.v1.annotation.annotation_reply_status(status, option)
                state, error = polled.job_status, polled.error_msg
            if state == "error":
                sys.exit(f"{action} job {job.job_id}: error: {error}")
            print(f"{action} job {job.job_id}: {state}")
    except DifyError as e:
        sys.exit(f"annotation reply job failed: {e}")
