"""Annotations and the annotation-reply switch: the six APIs of the client's ``annotation`` resource."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from .errors import ApiError, invalid, lenient_int, not_found, validate
from .routing import Call, Routes
from .state import JOB_STAGES, Job
from .wire import JSON, Reply, json_reply, no_content

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()


@routes.add("GET", "/v1/apps/annotations")
def get_annotations(app: App, call: Call) -> Reply:
    page = max(lenient_int(call.query.get("page"), 1), 1)
    limit = min(max(lenient_int(call.query.get("limit"), 20), 1), 100)
    word = call.query.get("keyword", "").lower()
    hits = [
        a
        for a in app.state.annotations.values()
        if word in a["question"].lower() or word in a["answer"].lower()
    ]
    hits.sort(key=lambda a: int(a["created_at"]), reverse=True)
    data = hits[(page - 1) * limit : page * limit]
    # Dify's has_more is a heuristic: a full page claims more even when it is the last.
    body = {"data": data, "has_more": len(data) == limit, "limit": limit, "total": len(hits), "page": page}
    return json_reply(200, body)


def _fields(body: JSON) -> JSON:
    for name in ("question", "answer"):
        if not isinstance(body.get(name), str):  # reqparse: message = help text, params = field
            raise invalid(f"Annotation {name}", params=name)
    return {"question": body["question"], "answer": body["answer"]}


def _annotation(app: App, annotation_id: str) -> JSON:
    if annotation_id not in app.state.annotations:
        raise not_found("Annotation not found")
    return app.state.annotations[annotation_id]


@routes.add("POST", "/v1/apps/annotations", json_body=True)
def create_annotation(app: App, call: Call) -> Reply:
    annotation = {
        "id": str(uuid.uuid4()),
        **_fields(call.body),
        "hit_count": 0,
        "created_at": app.state.tick(),
    }
    app.state.annotations[annotation["id"]] = annotation
    return json_reply(201, annotation)


@routes.add("PUT", "/v1/apps/annotations/{uuid}", json_body=True)
def update_annotation(app: App, call: Call) -> Reply:
    annotation = _annotation(app, call.params[0])
    annotation.update(_fields(call.body))
    return json_reply(200, annotation)


@routes.add("DELETE", "/v1/apps/annotations/{uuid}")
def delete_annotation(app: App, call: Call) -> Reply:
    del app.state.annotations[_annotation(app, call.params[0])["id"]]
    return no_content()


@routes.add("POST", "/v1/apps/annotation-reply/{str}", json_body=True)
def annotation_reply_settings(app: App, call: Call) -> Reply:
    fields = {"score_threshold": "number", "embedding_provider_name": "str", "embedding_model_name": "str"}
    validate("AnnotationReplyActionPayload", call.body, **fields)
    action = call.params[0]
    if action not in ("enable", "disable"):  # Dify's own UnboundLocalError, answered as its 500
        raise ApiError(500, "unknown", "Internal Server Error")
    for job_id, job in app.state.jobs.items():
        if job.action == action and JOB_STAGES[job.stage] != "completed":  # Dify returns the running job
            return json_reply(200, {"job_id": job_id, "job_status": "processing"})
    job_id = str(uuid.uuid4())
    app.state.jobs[job_id] = Job(action, 0)
    return json_reply(200, {"job_id": job_id, "job_status": "waiting"})


@routes.add("GET", "/v1/apps/annotation-reply/{str}/status/{uuid}")
def annotation_reply_status(app: App, call: Call) -> Reply:
    action, job_id = call.params
    job = app.state.jobs.get(job_id)
    if job is None or job.action != action:  # the Redis key embeds the action
        raise invalid("The job does not exist.")
    job.stage = min(job.stage + 1, len(JOB_STAGES) - 1)
    return json_reply(200, {"job_id": job_id, "job_status": JOB_STAGES[job.stage], "error_msg": ""})
