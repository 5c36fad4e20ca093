"""dify_oapi: a typed client for Dify's chatflow (advanced-chat) Service API."""

from dify_oapi._version import __version__
from dify_oapi.client import Client, ClientBuilder
from dify_oapi.core.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DifyError,
    FirstEventTimeoutError,
    IncompleteStreamError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    StreamEventError,
    StreamIdleTimeoutError,
    UnsupportedMediaTypeError,
    WorkflowFailedError,
)
from dify_oapi.core.option import RequestOption, RequestOptionBuilder
from dify_oapi.core.stream import AsyncStream, Stream

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ClientBuilder",
    "ConflictError",
    "DifyError",
    "FirstEventTimeoutError",
    "IncompleteStreamError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOption",
    "RequestOptionBuilder",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "Stream",
    "StreamEventError",
    "StreamIdleTimeoutError",
    "UnsupportedMediaTypeError",
    "WorkflowFailedError",
    "__version__",
]
