from __future__ import annotations

from dify_oapi.core.model import ResponseModel


class SubmitHumanInputFormResponse(ResponseModel):
    """``{}``: the form is taken and the run resumes in Dify's worker."""
