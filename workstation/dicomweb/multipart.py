"""multipart/related bodies (RFC 2387 on RFC 2046 section 5.1) as WADO-RS sends them and
STOW-RS expects them (PS3.18 8.6.1.2).

The parser is streaming: it is fed the body in chunks of any size, as they come off the
network, and hands out each part once its closing delimiter has arrived. A series of
hundreds of instances therefore never sits in memory as a whole; one instance does. A
delimiter may be split across chunks (even one byte per chunk): the unscanned tail kept
between chunks is always shorter than the delimiter, and a match is only accepted when
it is whole.

RFC 2046 rules followed here: the body may start with a preamble, the first delimiter may
come without the leading CRLF, each delimiter line may carry transport padding (spaces or
tabs) before its CRLF, the close delimiter ends with ``--`` and anything after it (the
epilogue) is ignored. A body that ends before the close delimiter is an error: a truncated
series must never look complete.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workstation.dicomweb.errors import BadDicomWebResponse

_CRLF = b"\r\n"
MAX_HEADER_BYTES = 16 * 1024


@dataclass(frozen=True, slots=True)
class Part:
    """One body part: its headers (names lower-cased) and content."""

    headers: dict[str, str]
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def boundary_of(content_type: str) -> str:
    """The ``boundary`` parameter of a multipart Content-Type (quoted or not)."""
    match = re.search(r'boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))', content_type, re.IGNORECASE)
    if not match:
        raise BadDicomWebResponse("multipart answer without a boundary")
    return match.group(1) or match.group(2)


class MultipartParser:
    """Feed chunks with :meth:`feed`, which returns the parts completed so far; call
    :meth:`close` at the end of the body to check that the close delimiter came."""

    def __init__(self, boundary: str) -> None:
        if not boundary or len(boundary) > 70:  # RFC 2046: 1 to 70 characters
            raise BadDicomWebResponse("invalid multipart boundary")
        self._delimiter = _CRLF + b"--" + boundary.encode("ascii")
        # A CRLF in front lets the first delimiter (at the very start) match like the others.
        self._buffer = bytearray(_CRLF)
        self._state = "preamble"  # preamble -> line -> headers -> content ... -> done
        self._scanned = 0  # content bytes already searched for a delimiter
        self._headers: dict[str, str] = {}

    @property
    def finished(self) -> bool:
        return self._state == "done"

    def feed(self, chunk: bytes) -> list[Part]:
        if self._state == "done":
            return []  # epilogue
        self._buffer += chunk
        parts: list[Part] = []
        while True:
            if self._state in ("preamble", "content"):
                at = self._buffer.find(self._delimiter, self._scanned)
                if at < 0:
                    # Only the last len(delimiter)-1 bytes can still start a delimiter.
                    keep = len(self._delimiter) - 1
                    if self._state == "preamble":
                        if len(self._buffer) > keep:
                            del self._buffer[: len(self._buffer) - keep]
                        self._scanned = 0
                    else:
                        self._scanned = max(0, len(self._buffer) - keep)
                    return parts
                if self._state == "content":
                    parts.append(Part(self._headers, bytes(self._buffer[:at])))
                del self._buffer[: at + len(self._delimiter)]
                self._scanned = 0
                self._state = "line"
            elif self._state == "line":
                end = self._buffer.find(_CRLF)
                if self._buffer[:2] == b"--":
                    self._state = "done"  # close delimiter; the rest is epilogue
                    return parts
                if end < 0:
                    if len(self._buffer) > MAX_HEADER_BYTES:
                        raise BadDicomWebResponse("malformed multipart delimiter line")
                    return parts
                if self._buffer[:end].strip(b" \t"):  # only transport padding is allowed
                    raise BadDicomWebResponse("malformed multipart delimiter line")
                del self._buffer[: end + 2]
                self._state = "headers"
            elif self._state == "headers":
                if self._buffer[:2] == _CRLF:  # a part without headers
                    end, skip = 0, 2
                else:
                    end, skip = self._buffer.find(_CRLF + _CRLF), 4
                    if end < 0:
                        if len(self._buffer) > MAX_HEADER_BYTES:
                            raise BadDicomWebResponse("multipart part headers too long")
                        return parts
                self._headers = _parse_headers(bytes(self._buffer[:end]))
                del self._buffer[: end + skip]
                self._state = "content"

    def close(self) -> None:
        if self._state != "done":
            raise BadDicomWebResponse("multipart answer ended early (truncated transfer)")


def _parse_headers(block: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw in block.split(_CRLF):
        if not raw:
            continue
        name, sep, value = raw.decode("latin-1").partition(":")
        if not sep:
            raise BadDicomWebResponse("malformed multipart part header")
        headers[name.strip().lower()] = value.strip()
    return headers


def iter_parts(chunks: Iterable[bytes], boundary: str) -> Iterator[Part]:
    """Parts of a multipart body arriving as ``chunks``, each as soon as it is complete."""
    parser = MultipartParser(boundary)
    for chunk in chunks:
        yield from parser.feed(chunk)
        if parser.finished:
            break
    parser.close()


def encode(parts: Iterable[tuple[str, bytes]], boundary: str | None = None) -> tuple[bytes, str]:
    """A multipart/related body of ``(content type, content)`` parts and its boundary.
    The boundary is random, so it cannot occur inside DICOM content by design (and is
    checked anyway)."""
    boundary = boundary or f"ws-{secrets.token_hex(16)}"
    marker = b"--" + boundary.encode("ascii")
    out = bytearray()
    for content_type, content in parts:
        if marker in content:
            raise ValueError("boundary occurs in a part; choose another")
        out += marker + _CRLF + f"Content-Type: {content_type}".encode("latin-1") + _CRLF * 2
        out += content + _CRLF
    out += marker + b"--" + _CRLF
    return bytes(out), boundary
