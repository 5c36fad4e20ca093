"""Read the icons of the tools the app's workflow calls: GET /v1/meta."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_meta_request import GetMetaRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    try:
        meta = client.chatflow.v1.app.get_meta(GetMetaRequest.builder().build(), option)
    except DifyError as e:
        sys.exit(f"reading the app's meta failed: {e}")
    # A built-in tool's icon is a URL; an API tool's is an emoji on a background colour.
    for tool, icon in meta.tool_icons.items():
        print(f"tool {tool}: {icon if isinstance(icon, str) else icon.content}")
    print(f"{len(meta.tool_icons)} tool icons")
