"""HTTP byte ranges (RFC 9110 section 14) for the object endpoint.

Only a single range is honoured. RFC 9110 section 14.2 lets a server ignore a Range header it
does not want to process, so malformed or multi-range requests get the whole object (200);
a well-formed range that lies entirely beyond the end gets 416.
"""

from __future__ import annotations

import re

_SINGLE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class RangeNotSatisfiableError(Exception):
    """The requested range does not overlap the object (RFC 9110 section 15.5.17)."""


def parse_byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Inclusive ``(first, last)`` byte positions to send, or None for the whole object."""
    if not header:
        return None
    match = _SINGLE.match(header)
    if match is None:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:
        # Suffix range "bytes=-N": the last N bytes (section 14.1.2).
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiableError
        return max(size - suffix, 0), size - 1
    first = int(first_text)
    if last_text and int(last_text) < first:
        return None  # invalid range-spec: ignore the header
    if first >= size:
        raise RangeNotSatisfiableError
    last = min(int(last_text), size - 1) if last_text else size - 1
    return first, last
