"""A paused run's form, to show it: ``GET /v1/form/human_input/{form_token}``.

The token is ``data.form_token`` of a ``human_input_required`` event. A form already submitted or
expired answers 412 (``HumanInputFormClosedError``); a token of another app, 404.
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import Segment


class GetHumanInputFormRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/form/human_input/{form_token}")
    form_token: PathParam[Segment]  # 22 letters and digits in Dify 1.14.2; no user: the app key is enough

    @staticmethod
    def builder() -> GetHumanInputFormRequestBuilder:
        return GetHumanInputFormRequestBuilder()


class GetHumanInputFormRequestBuilder(Builder[GetHumanInputFormRequest]):
    form_token: setter[str] = setter()
