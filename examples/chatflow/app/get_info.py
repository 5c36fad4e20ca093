"""Read what the app is: GET /v1/info."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_info_request import GetInfoRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    try:
        info = client.chatflow.v1.app.get_info(GetInfoRequest.builder().build(), option)
    except DifyError as e:
        sys.exit(f"reading the app's info failed: {e}")
    print(f"app: {info.name} ({info.mode}) by {info.author_name}")
    print(f"tags: {', '.join(info.tags) or 'none'}")
