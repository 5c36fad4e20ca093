"""Read the app's web-app look (title, icon, language): GET /v1/site.

An app without a web app, or in an archived workspace, answers 403; the script then exits with that line.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_site_request import GetSiteRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    try:
        site = client.chatflow.v1.app.get_site(GetSiteRequest.builder().build(), option)
    except DifyError as e:
        sys.exit(f"reading the app's site failed: {e}")
    icon = site.icon_url if site.icon_type == "image" else site.icon
    print(f"site: {site.title} {icon}, language {site.default_language}")
    print(f"shows workflow steps: {site.show_workflow_steps}")
