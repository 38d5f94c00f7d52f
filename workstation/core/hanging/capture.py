"""Turning the layout on screen into a protocol the reader can keep ("save as protocol").

The study rules ask for the same modality (required), body part and study description;
each viewport's series rules ask for the same modality and description, its image rules
for the same side and view (projection images), and it keeps the window and the
turn/mirror on screen. Descriptions become anchored, escaped regular expressions so that
only the literal text matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workstation.core.hanging.facts import SeriesFacts
from workstation.core.hanging.library import slug
from workstation.core.hanging.model import (
    Protocol,
    SeriesSelector,
    Stage,
    ViewportSpec,
    WindowSpec,
)
from workstation.core.hanging.rules import Rule


@dataclass(frozen=True, slots=True)
class CapturedViewport:
    """One viewport as shown: which study and series, which image, window, transform."""

    prior: int
    series: SeriesFacts | None  # None: an empty viewport (gets the study's largest series)
    image: Mapping[str, Any] | None = None
    window: tuple[float, float] | None = None  # (center, width)
    rotation: int = 0
    flipped: bool = False


def _literal(text: str) -> str:
    return "^" + re.escape(text.strip()) + "$"


def _series_rules(series: SeriesFacts | None) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    if series is None:
        return ()
    if series.modality:
        rules.append(Rule("modality", equals=series.modality, weight=2.0, required=True))
    if series.description:
        rules.append(Rule("description", regex=_literal(series.description), weight=3.0))
    if series.body_part:
        rules.append(Rule("body_part", equals=series.body_part, weight=1.0))
    return tuple(rules)


def _image_rules(image: Mapping[str, Any] | None) -> tuple[Rule, ...]:
    if not image:
        return ()
    return tuple(
        Rule(key, equals=str(image[key]), weight=2.0, required=True)
        for key in ("laterality", "view_position") if image.get(key)
    )


def protocol_from_layout(name: str, study: Mapping[str, Any], rows: int, columns: int,
                         viewports: Sequence[CapturedViewport]) -> Protocol:
    """A one-stage reader's protocol reproducing ``viewports`` (row by row)."""
    rules = []
    modalities = study.get("modality") or []
    if modalities:
        rules.append(Rule("modality", one_of=tuple(modalities), weight=10.0, required=True))
    for part in (study.get("body_part") or [])[:1]:
        rules.append(Rule("body_part", equals=part, weight=5.0))
    if study.get("study_description"):
        rules.append(Rule("study_description", regex=_literal(study["study_description"]),
                          weight=5.0))
    highest_prior = max((v.prior for v in viewports), default=0)
    if highest_prior:
        rules.append(Rule("priors", minimum=highest_prior, weight=2.0, required=True))
    specs = []
    for v in viewports:
        window = WindowSpec(center=v.window[0], width=max(1.0, v.window[1])) if v.window else None
        explicit = v.rotation != 0 or v.flipped
        specs.append(ViewportSpec(
            SeriesSelector(v.prior, _series_rules(v.series)), _image_rules(v.image), window,
            "explicit" if explicit else "as_stored", v.rotation, v.flipped))
    stage = Stage(name, rows, columns, tuple(specs))
    return Protocol("user-" + slug(name), name, tuple(rules), (stage,),
                    "Saved from a layout on screen.", user=True)
