"""The app resource: what the app is and how it is set up, as an end user's client needs it."""

from __future__ import annotations

from dify_oapi.core.resource import Resource, aapi, api

from ..model.get_info_request import GetInfoRequest
from ..model.get_info_response import GetInfoResponse
from ..model.get_meta_request import GetMetaRequest
from ..model.get_meta_response import GetMetaResponse
from ..model.get_parameters_request import GetParametersRequest
from ..model.get_parameters_response import GetParametersResponse
from ..model.get_site_request import GetSiteRequest
from ..model.get_site_response import GetSiteResponse


class AppResource(Resource):
    get_info = api(GetInfoRequest, GetInfoResponse)
    aget_info = aapi(GetInfoRequest, GetInfoResponse)
    get_parameters = api(GetParametersRequest, GetParametersResponse)
    aget_parameters = aapi(GetParametersRequest, GetParametersResponse)
    get_meta = api(GetMetaRequest, GetMetaResponse)
    aget_meta = aapi(GetMetaRequest, GetMetaResponse)
    get_site = api(GetSiteRequest, GetSiteResponse)
    aget_site = aapi(GetSiteRequest, GetSiteResponse)
