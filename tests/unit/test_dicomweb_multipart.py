"""The streaming multipart/related parser (RFC 2046 5.1) with bodies cut into chunks at
every possible place, and the STOW-RS request encoder."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.dicomweb.errors import BadDicomWebResponse
from workstation.dicomweb.multipart import (
    MultipartParser,
    boundary_of,
    encode,
    iter_parts,
)

BOUNDARY = "b0undary-42"


def _body(parts: list[bytes], *, preamble: bytes = b"", epilogue: bytes = b"",
          padding: bytes = b"") -> bytes:
    out = preamble + (b"\r\n" if preamble else b"")
    for content in parts:
        out += b"--" + BOUNDARY.encode() + padding + b"\r\n"
        out += b"Content-Type: application/dicom\r\n\r\n" + content + b"\r\n"
    return out + b"--" + BOUNDARY.encode() + b"--" + epilogue


def _parse(body: bytes, cuts: list[int]) -> list[bytes]:
    chunks, last = [], 0
    for cut in sorted(set(cuts)):
        chunks.append(body[last:cut])
        last = cut
    chunks.append(body[last:])
    return [p.content for p in iter_parts(chunks, BOUNDARY)]


# Contents chosen to look like the delimiter without being one.
TRICKY = [b"", b"\r\n", b"--" + BOUNDARY.encode()[:-1], b"\r\n--b0undary-4",
          b"DICM" + bytes(range(256)) * 3, b"\r\n\r\n--", b"x" * 5000]


def test_every_single_split_point():
    body = _body(TRICKY)
    for cut in range(len(body) + 1):
        assert _parse(body, [cut]) == TRICKY, cut


def test_one_byte_chunks():
    body = _body(TRICKY, preamble=b"ignored preamble", epilogue=b"\r\nignored epilogue")
    assert _parse(body, list(range(len(body)))) == TRICKY


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.binary(max_size=300), max_size=5), seed=st.integers(0, 2**32))
def test_random_contents_and_chunking(parts, seed):
    rng = random.Random(seed)
    body = _body(parts, padding=b" \t" if seed % 2 else b"")
    cuts = [rng.randrange(len(body) + 1) for _ in range(rng.randrange(8))]
    if any(BOUNDARY.encode() in p for p in parts):
        return
    assert _parse(body, cuts) == parts


def test_headers_are_read():
    body = (b"--" + BOUNDARY.encode() + b"\r\nContent-Type: application/dicom; "
            b"transfer-syntax=1.2.840.10008.1.2.1\r\nContent-Location: x\r\n\r\nDATA\r\n--"
            + BOUNDARY.encode() + b"--\r\n")
    (part,) = iter_parts([body], BOUNDARY)
    assert part.content == b"DATA"
    assert part.content_type.startswith("application/dicom")
    assert part.headers["content-location"] == "x"


def test_truncated_body_is_an_error():
    body = _body([b"one", b"two"])
    with pytest.raises(BadDicomWebResponse, match="ended early"):
        list(iter_parts([body[:-12]], BOUNDARY))


def test_parts_arrive_before_the_body_ends():
    parser = MultipartParser(BOUNDARY)
    body = _body([b"first", b"second"])
    cut = body.index(b"second")
    assert [p.content for p in parser.feed(body[:cut])] == [b"first"]
    assert [p.content for p in parser.feed(body[cut:])] == [b"second"]
    parser.close()


def test_garbage_after_delimiter_is_rejected():
    body = b"--" + BOUNDARY.encode() + b"XYZ\r\n\r\ndata\r\n--" + BOUNDARY.encode() + b"--"
    with pytest.raises(BadDicomWebResponse):
        list(iter_parts([body], BOUNDARY))


def test_boundary_from_content_type():
    assert boundary_of('multipart/related; type="application/dicom"; boundary="a b"') == "a b"
    assert boundary_of("multipart/related; boundary=abc; type=x") == "abc"
    with pytest.raises(BadDicomWebResponse):
        boundary_of("multipart/related")


def test_encoder_round_trip():
    contents = [b"first \r\n instance", b"", b"\x00" * 100]
    body, boundary = encode(("application/dicom", c) for c in contents)
    assert [p.content for p in iter_parts([body], boundary)] == contents
    with pytest.raises(ValueError):
        encode([("application/dicom", b"--fixed")], boundary="fixed")
