"""Pairing the series of a current study with those of a prior for side-by-side reading.

Two series pair when they show the same thing the same way: same modality (required),
same body part, same plane, same side and view for projection images, the same MR
sequence kind (T1, T2, FLAIR, DWI...; a T2 is never offered as the prior of a FLAIR), and
descriptions that look alike (difflib ratio, tolerant of "Ax 1.25mm" vs "Ax 5mm").
Descriptions are free text (Series Description (0008,103E), PS3.3 C.7.3.1), so the
similarity only tips the balance between candidates that agree on the coded attributes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from workstation.core.hanging.facts import SeriesFacts

MIN_PAIR_SCORE = 2.0
_SEQUENCE_WORDS = (
    ("FLAIR", re.compile(r"flair", re.I)),
    ("DWI", re.compile(r"\b(dwi|diff|difuzyon|difüzyon|trace)\b", re.I)),
    ("ADC", re.compile(r"\badc\b", re.I)),
    ("SWI", re.compile(r"\b(swi|swan|t2\*|gre)\b", re.I)),
    ("T1", re.compile(r"\bt1", re.I)),
    ("T2", re.compile(r"\bt2", re.I)),
    ("PD", re.compile(r"\bpd\b", re.I)),
    ("STIR", re.compile(r"\bstir\b", re.I)),
)


def sequence_kind(description: str) -> str:
    """The MR sequence family a description names (FLAIR before T2: "T2 FLAIR")."""
    for kind, pattern in _SEQUENCE_WORDS:
        if pattern.search(description):
            return kind
    return ""


def similarity(a: str, b: str) -> float:
    """0..1 likeness of two descriptions, ignoring case, digits and punctuation."""
    def norm(text: str) -> str:
        return " ".join(re.findall(r"[^\W\d_]+", text.lower()))

    na, nb = norm(a), norm(b)
    if not na or not nb:
        return 0.0
    return SequenceMatcher(None, na, nb).ratio()


def _agree(a: str, b: str, gain: float, loss: float) -> float:
    """Score of one coded attribute: known on both sides and equal, or different."""
    if not a or not b:
        return 0.0
    return gain if a.upper() == b.upper() else loss


def pair_score(current: SeriesFacts, prior: SeriesFacts) -> float | None:
    """How well ``prior`` matches ``current``; None when they must not be paired."""
    if current.modality and prior.modality and current.modality != prior.modality:
        return None
    if current.laterality in ("R", "L") and prior.laterality in ("R", "L") \
            and current.laterality != prior.laterality:
        return None
    total = 1.0
    for value in (
        _agree(current.body_part, prior.body_part, 2.0, -2.0),
        _agree(current.plane, prior.plane, 2.0, -3.0),
        _agree(current.view_position, prior.view_position, 1.0, -2.0),
        _agree(sequence_kind(current.description), sequence_kind(prior.description), 4.0,
               -6.0),
    ):
        total += value
    return total + 3.0 * similarity(current.description, prior.description)


def best_pair(current: SeriesFacts, candidates: list[SeriesFacts]) -> SeriesFacts | None:
    """The prior series that best matches ``current`` (ties: more images), if good enough."""
    best: tuple[float, int, SeriesFacts] | None = None
    for candidate in candidates:
        value = pair_score(current, candidate)
        if value is None or value < MIN_PAIR_SCORE:
            continue
        key = (value, candidate.count, candidate)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best is not None else None


def pair_series(current: list[SeriesFacts],
                prior: list[SeriesFacts]) -> dict[str, str]:
    """current series UID -> prior series UID, best pairs first, each prior used once."""
    scored = []
    for c in current:
        for p in prior:
            value = pair_score(c, p)
            if value is not None and value >= MIN_PAIR_SCORE:
                scored.append((value, c.uid, p.uid))
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for _value, c_uid, p_uid in sorted(scored, key=lambda t: -t[0]):
        if c_uid not in pairs and p_uid not in used:
            pairs[c_uid] = p_uid
            used.add(p_uid)
    return pairs
