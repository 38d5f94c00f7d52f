"""Replacement values for de-identification (PS3.15 Annex E): dummy values by VR, new
UIDs, per-patient pseudonyms and date shifts, and cleaning of free text.

Everything derived from an original value is keyed by an export secret with HMAC-SHA256,
so the same input gives the same output throughout one export (and in later exports made
with the same secret: a clinical trial keeps one secret per trial), while nobody without
the secret can go back from the output to the input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Iterable

#: Maximum day shift back in time (about ten years); the shift is at least one day.
MAX_SHIFT_DAYS = 3650

#: Dummy values by VR for the ``D`` action (PS3.15 Table E.1-1: "a non-zero length value
#: that may be a dummy value and consistent with the VR").
DUMMY_BY_VR: dict[str, object] = {
    "AE": "ANONYMOUS", "AS": "000Y", "CS": "ANONYMIZED", "DA": "19000101",
    "DS": "0", "DT": "19000101000000", "IS": "0", "LO": "ANONYMIZED", "LT": "ANONYMIZED",
    "PN": "ANONYMIZED", "SH": "ANONYMIZED", "ST": "ANONYMIZED", "TM": "000000",
    "UC": "ANONYMIZED", "UR": "http://example.invalid/", "UT": "ANONYMIZED",
    "FL": 0.0, "FD": 0.0, "SL": 0, "SS": 0, "UL": 0, "US": 0, "SV": 0, "UV": 0,
    "OB": b"\0\0", "OW": b"\0\0", "OD": b"\0" * 8, "OF": b"\0" * 4, "OL": b"\0" * 4,
    "OV": b"\0" * 8, "UN": b"\0\0",
}

TEXT_VRS = frozenset({"LO", "LT", "SH", "ST", "UC", "UT", "PN"})
REDACTED = "***"
_DT_DATE = re.compile(r"^(\d{8})(.*)$")


class Pseudonymizer:
    """Keyed, consistent replacements for one export (or one trial)."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the export secret must be at least 16 bytes")
        self._secret = secret
        self._uids: dict[str, str] = {}

    def _digest(self, purpose: str, value: str) -> bytes:
        return hmac.new(self._secret, f"{purpose}\0{value}".encode(), hashlib.sha256).digest()

    def uid(self, original: str) -> str:
        """A new UID under the 2.25 root (PS3.5 B.2: a UUID-sized integer), the same for
        the same original UID."""
        original = original.strip("\0 ")
        if not original:
            return original
        found = self._uids.get(original)
        if found is None:
            number = int.from_bytes(self._digest("uid", original)[:16], "big")
            found = self._uids[original] = f"2.25.{number}"
        return found

    @property
    def uid_map(self) -> dict[str, str]:
        """Originals to replacements seen so far (kept in memory only, never written)."""
        return dict(self._uids)

    def pseudonym(self, patient_key: str, prefix: str = "ANON") -> str:
        """A stable pseudonymous patient ID / name, e.g. ``ANON-3F9A0C12D4``."""
        return f"{prefix}-{self._digest('patient', patient_key).hex()[:10].upper()}"

    def shift_days(self, patient_key: str) -> int:
        """The (negative) day offset of this patient's dates: the same for all studies of
        the patient, so intervals between them stay true (PS3.15 E.3.6)."""
        number = int.from_bytes(self._digest("date", patient_key)[:4], "big")
        return -(1 + number % MAX_SHIFT_DAYS)


def shift_date(value: str, days: int) -> str:
    """A DA value moved by ``days``; an unparsable value becomes the dummy date."""
    text = value.strip()
    if not text:
        return text
    try:
        day = dt.datetime.strptime(text[:8], "%Y%m%d").date()
    except ValueError:
        return str(DUMMY_BY_VR["DA"])
    return (day + dt.timedelta(days=days)).strftime("%Y%m%d")


def shift_datetime(value: str, days: int) -> str:
    """A DT value whose date part is moved by ``days``; the time of day is kept."""
    text = value.strip()
    match = _DT_DATE.match(text)
    if not match:
        return str(DUMMY_BY_VR["DT"]) if text else text
    return shift_date(match.group(1), days) + match.group(2)


def identifying_words(values: Iterable[str]) -> list[str]:
    """Words worth redacting from free text: name parts and IDs of at least 2 characters,
    longest first so a full ID is replaced before a part of it."""
    words: set[str] = set()
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        words.add(text)
        words.update(w for w in re.split(r"[\^=\s,]+", text) if len(w) >= 2)
    return sorted(words, key=len, reverse=True)


def clean_text(text: str, words: list[str]) -> str:
    """Free text with every identifying word replaced (the ``C`` action on descriptors,
    PS3.15 E.3.5: "replace with values of similar meaning known not to identify")."""
    for word in words:
        pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
        text = re.sub(pattern, REDACTED, text, flags=re.IGNORECASE)
    return text
