"""Byte-range parsing of the object endpoint (RFC 9110 section 14)."""

from __future__ import annotations

import pytest

from workstation.demohub.ranges import RangeNotSatisfiableError, parse_byte_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("bytes=0-9", (0, 9)),
        ("bytes=10-", (10, 99)),
        ("bytes=90-200", (90, 99)),  # last-pos beyond the end is clamped
        ("bytes=-10", (90, 99)),
        ("bytes=-500", (0, 99)),  # suffix longer than the object: all of it
        ("BYTES = 5 - 6", (5, 6)),
        ("bytes=9-3", None),  # invalid: ignored, whole object
        ("bytes=0-1,5-6", None),  # multiple ranges: ignored
        ("items=0-1", None),
        ("bytes=-", None),
    ],
)
def test_parse_byte_range(header: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_byte_range(header, 100) == expected


@pytest.mark.parametrize(
    ("header", "size"), [("bytes=100-", 100), ("bytes=-0", 100), ("bytes=0-", 0)]
)
def test_unsatisfiable_ranges(header: str, size: int) -> None:
    with pytest.raises(RangeNotSatisfiableError):
        parse_byte_range(header, size)
