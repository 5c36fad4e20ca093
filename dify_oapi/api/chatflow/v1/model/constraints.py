"""Value rules shared by request models, kept apart from ``common.py`` so ``chat_file.py`` can use them."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import AfterValidator, StringConstraints


def uuid_value(value: str) -> str:
    # Dify checks these with uuid.UUID(), which also takes braces, "urn:uuid:" and no hyphens.
    try:
        uuid.UUID(value)
    except ValueError:
        raise ValueError("must be a UUID") from None
    return value


Uuid = Annotated[str, AfterValidator(uuid_value)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
