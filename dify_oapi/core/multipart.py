"""File parts: a body field sent as one part of a ``multipart/form-data`` request, streamed from its source."""

from __future__ import annotations

import io
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any

from pydantic import PlainValidator

FileContent = Path | bytes | IO[bytes]
"""What a file part is read from: a path, bytes, or a binary file object (read in chunks)."""


def _file_content(value: object) -> FileContent:
    if isinstance(value, (str, os.PathLike)):
        path = Path(value)
        if not path.is_file():
            raise ValueError("no such file")
        return path
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, io.TextIOBase):
        raise ValueError("a file opened in text mode: open it with 'rb'")
    if callable(getattr(value, "read", None)):
        return value  # type: ignore[return-value]  # a binary file object, by its read()
    raise ValueError("must be a path, bytes or a binary file object")


FileSource = Annotated[FileContent, PlainValidator(_file_content)]
"""A field holding a file: ``str`` and ``os.PathLike`` become a ``Path`` that must name a file."""


@dataclass(frozen=True)
class FilePart:
    """Marks a body field sent as a file part, ``Annotated[FileSource, FilePart("file_name", "mime_type")]``:
    the two fields named hold its file name and media type. A body with a file part is sent as
    ``multipart/form-data``, its other fields as form fields."""

    name_field: str
    type_field: str


def default_file_name(content: object) -> str | None:
    """The name a path or a named file object carries, without its folders."""
    name = content if isinstance(content, (str, os.PathLike)) else getattr(content, "name", None)
    # A file object's name may be its descriptor number (os.fdopen) or absent (BytesIO).
    return Path(name).name if isinstance(name, (str, os.PathLike)) else None


def guess_mime_type(file_name: str) -> str:
    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"


class _PathReader:
    """A path opened only when the request's body is read and closed at its end: a request built
    but never sent holds no open file, and a resent one reads the file from the start."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self._path = path
        self._file: IO[bytes] | None = None

    def read(self, size: int = -1) -> bytes:
        if self._file is None:
            self._file = self._path.open("rb")
        chunk = self._file.read(size)
        if not chunk:
            self.close()
        return chunk

    def tell(self) -> int:
        return 0 if self._file is None else self._file.tell()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        # httpx measures the length (Content-Length) by seeking to the end, and rewinds before each send.
        if whence == os.SEEK_END:
            return self._path.stat().st_size + offset
        if offset:
            raise io.UnsupportedOperation("a path part is only ever rewound")
        self.close()
        return 0

    def close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            file.close()


def part_content(content: FileContent) -> Any:
    """``content`` as httpx takes it into a multipart body, read 64 KiB at a time."""
    if isinstance(content, Path):
        return _PathReader(content)
    # Whole bytes would be copied on their way to the socket; a BytesIO shares their buffer.
    return io.BytesIO(content) if isinstance(content, bytes) else content
