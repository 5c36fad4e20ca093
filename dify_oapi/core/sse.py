"""A sans-I/O Server-Sent Events decoder: bytes in, complete frames out.

Lines may end in LF, CR or CRLF, and a chunk may end between the CR and the LF of one line ending.
Bytes are buffered until a frame is complete, so a multi-byte UTF-8 character split across chunks
is decoded whole. The buffer is scanned from where the last scan stopped, so cost stays linear.
A UTF-8 byte order mark before the first frame is dropped, as the SSE standard says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from dify_oapi.core.errors import IncompleteStreamError, ResponseTooLargeError

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Frame:
    event: str | None
    data: bytes | None
    """The ``data:`` lines joined with LF, still UTF-8 bytes: the JSON parser decodes them in one pass."""


class SSEDecoder:
    def __init__(self, max_frame_bytes: int) -> None:
        self._buffer = bytearray()
        self._scanned = 0
        self._pending_cr = False
        self._head: bytes | None = b""  # the body's first bytes, until they cannot be a BOM
        self._slow = True  # a CR or the head is pending: every chunk goes through _normalize
        self._max_frame_bytes = max_frame_bytes

    def feed(self, chunk: bytes) -> list[Frame]:
        if self._slow or b"\r" in chunk:
            chunk = self._normalize(chunk)
        buffer = self._buffer
        if not buffer and chunk.find(b"\n") == len(chunk) - 2 and chunk.endswith(b"\n\n"):
            # The usual read: Dify flushes each event on its own, so this is one whole one-line
            # frame and nothing needs buffering (a third of the decoder's time saved per event).
            if len(chunk) - 2 > self._max_frame_bytes:
                self._too_large()
            if chunk.startswith(b"data: "):
                return [Frame(None, chunk[6:-2])]
            frame = _parse(chunk, 0, len(chunk) - 2)
            return [] if frame is None else [frame]
        buffer += chunk
        end = buffer.find(b"\n\n", max(self._scanned - 1, 0))
        frames = []
        if end != -1:
            data = bytes(buffer)  # one copy for all the frames this read completes, not two per frame
            start = 0
            while end != -1:
                if end - start > self._max_frame_bytes:
                    self._too_large()
                if (frame := _parse(data, start, end)) is not None:
                    frames.append(frame)
                start = end + 2
                end = data.find(b"\n\n", start)
            del buffer[:start]
        self._scanned = len(buffer)
        # The frame still buffered may already hold the first LF of its blank line: not frame bytes.
        if self._scanned - buffer.endswith(b"\n") > self._max_frame_bytes:
            self._too_large()
        return frames

    def close(self) -> list[Frame]:
        """Call at end of body: leftover bytes mean the server stopped inside a frame."""
        frames = self.feed(b"\n") if self._pending_cr else []
        if self._buffer.strip(b"\n"):
            raise IncompleteStreamError("the stream ended inside an event frame")
        return frames

    def _too_large(self) -> NoReturn:
        raise ResponseTooLargeError(f"one stream frame exceeds {self._max_frame_bytes} bytes")

    def _normalize(self, chunk: bytes) -> bytes:
        if self._head is not None:
            chunk = self._head + chunk
            if len(chunk) < len(_BOM) and _BOM.startswith(chunk):
                self._head = chunk  # a BOM split across reads: wait for the rest
                return b""
            self._head = None
            if chunk.startswith(_BOM):
                chunk = chunk[len(_BOM) :]
        if self._pending_cr:
            # The previous chunk ended in CR: an LF here completes that same line ending.
            chunk = b"\n" + (chunk[1:] if chunk.startswith(b"\n") else chunk)
        self._pending_cr = self._slow = chunk.endswith(b"\r")
        if self._pending_cr:
            chunk = chunk[:-1]
        return chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _parse(data: bytes, start: int, end: int) -> Frame | None:
    """The frame in ``data[start:end]``: its lines, without the blank line that ended it."""
    if data.startswith(b"data: ", start) and data.find(b"\n", start, end) == -1:
        return Frame(None, data[start + 6 : end])  # Dify's usual frame: one data line, nothing else
    event: str | None = None
    lines: list[bytes] = []
    for line in data[start:end].split(b"\n"):
        name, _, value = line.partition(b":")
        value = value[1:] if value.startswith(b" ") else value
        if name == b"data":
            lines.append(value)
        elif name == b"event":
            event = value.decode("utf-8", "replace")
        # Comments (lines starting with ":"), ``id`` and ``retry`` carry nothing for Dify's API.
    if event is None and not lines:
        return None
    return Frame(event, b"\n".join(lines) if lines else None)
