"""Read the app's start form and features, to build an input form or know what a chat may carry:
GET /v1/parameters."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_parameters_request import GetParametersRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    try:
        parameters = client.chatflow.v1.app.get_parameters(GetParametersRequest.builder().build(), option)
    except DifyError as e:
        sys.exit(f"reading the app's parameters failed: {e}")
    for control in parameters.user_input_form:
        limits = f", max_length={control.max_length}" if control.max_length is not None else ""
        options = f", options={control.options}" if control.options else ""
        print(f"input {control.variable}: {control.type}, required={control.required}{limits}{options}")
    switches = {
        "suggested_questions_after_answer": parameters.suggested_questions_after_answer,
        "speech_to_text": parameters.speech_to_text,
        "text_to_speech": parameters.text_to_speech,
        "retriever_resource": parameters.retriever_resource,
        "annotation_reply": parameters.annotation_reply,
        "more_like_this": parameters.more_like_this,
        "sensitive_word_avoidance": parameters.sensitive_word_avoidance,
        "file_upload": parameters.file_upload,
    }
    print(f"features on: {', '.join(name for name, switch in switches.items() if switch.enabled) or 'none'}")
    print(f"upload limit: {parameters.system_parameters.file_size_limit} MB a file")
