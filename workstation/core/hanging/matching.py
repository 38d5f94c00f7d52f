"""Choosing the protocol for a study and the series and image for each viewport.

The protocol with the highest score of its study rules wins (a failed required rule rules
it out); ties go to the reader's own protocols, then to the one with more rules (the more
specific). A protocol without rules matches every study with score 0: the fallback.
A viewport's series is the best-scoring series of its study (ties: more images, then the
lower series number); a paired viewport takes the prior series that pairs best with the
series of the viewport it names (:mod:`workstation.core.hanging.pairing`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workstation.core.hanging.facts import SeriesFacts
from workstation.core.hanging.model import Protocol, Stage
from workstation.core.hanging.pairing import best_pair
from workstation.core.hanging.rules import Rule, score


def protocol_score(protocol: Protocol, facts: Mapping[str, Any]) -> float | None:
    return score(protocol.rules, facts)


def best_protocol(protocols: Sequence[Protocol], facts: Mapping[str, Any]) -> Protocol | None:
    """The best-matching protocol, None when none matches (ship a rule-less fallback)."""
    ranked = []
    for index, protocol in enumerate(protocols):
        value = protocol_score(protocol, facts)
        if value is not None:
            ranked.append((value, protocol.user, len(protocol.rules), -index, protocol))
    if not ranked:
        return None
    return max(ranked, key=lambda t: t[:4])[4]


def select_series(rules: tuple[Rule, ...], series: Sequence[SeriesFacts]) -> SeriesFacts | None:
    best: tuple[float, int, int, SeriesFacts] | None = None
    for s in series:
        value = score(rules, s.as_facts())
        if value is None:
            continue
        key = (value, s.count, -(s.series_number or 0), s)
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best is not None else None


def select_image(rules: tuple[Rule, ...], images: Sequence[Mapping[str, Any]],
                 sizes: Sequence[int] | None = None) -> int | None:
    """Index of the image (stack) that scores best; without rules, the largest."""
    best: tuple[float, int, int] | None = None
    for index, facts in enumerate(images):
        value = score(rules, facts)
        if value is None:
            continue
        size = sizes[index] if sizes is not None else 0
        key = (value, size, -index)
        if best is None or key > best:
            best = key
    return -best[2] if best is not None else None


@dataclass(frozen=True, slots=True)
class Assignment:
    """What one viewport of a stage shows: study (0 current, N prior N) and series, or
    nothing (``series_uid`` None) when no series of the study fits."""

    prior: int
    series_uid: str | None
    image_rules: tuple[Rule, ...] = ()


def plan_stage(stage: Stage, current: Sequence[SeriesFacts],
               priors: Mapping[int, Sequence[SeriesFacts]]) -> list[Assignment]:
    """Series of every viewport; ``priors[N]`` are the series of prior N (as far as known).

    Paired viewports are planned after the ones they follow."""
    chosen: dict[int, SeriesFacts | None] = {}

    def pool(prior: int) -> Sequence[SeriesFacts]:
        return current if prior == 0 else priors.get(prior, ())

    def plan(index: int, depth: int = 0) -> SeriesFacts | None:
        if index in chosen:
            return chosen[index]
        spec = stage.viewports[index].series
        candidates = pool(spec.prior)
        result: SeriesFacts | None = None
        if spec.paired_with is not None and depth < len(stage.viewports):
            source = plan(spec.paired_with, depth + 1)
            if source is not None:
                filtered = [c for c in candidates if score(spec.rules, c.as_facts()) is not None]
                result = best_pair(source, filtered)
        else:
            result = select_series(spec.rules, candidates)
        chosen[index] = result
        return result

    out = []
    for i, viewport in enumerate(stage.viewports):
        facts = plan(i)
        out.append(Assignment(viewport.series.prior, facts.uid if facts else None,
                              viewport.image_rules))
    return out
