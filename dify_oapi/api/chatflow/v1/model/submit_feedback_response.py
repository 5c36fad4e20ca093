from __future__ import annotations

from .common import Result


class SubmitFeedbackResponse(Result):
    """``{"result": "success"}``."""
