"""Weighted matching rules on study, series and image attributes.

A rule names one attribute of the facts it is evaluated on and one test: ``equals``
(case-insensitive), ``in`` (one of several), ``regex`` (searched, case-insensitive) or a
numeric ``min``/``max``. A fact may hold several values (a study has several modalities
and body parts): the rule holds when any value passes. ``weight`` adds to the score of a
protocol or series when the rule holds; a ``required`` rule that fails rules the
candidate out. Attribute names follow the DICOM attributes they come from: Modality
(0008,0060), Body Part Examined (0018,0015), Series/Study Description (0008,103E /
0008,1030), Image Laterality (0020,0062), View Position (0018,5101), Patient Orientation
(0020,0020). ``anatomy`` is every body part and description of the study in one text,
for a rule that should hold whichever of them names the region.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workstation.core.resource_files import require

STUDY_ATTRIBUTES = frozenset({"modality", "body_part", "study_description", "anatomy", "priors"})
SERIES_ATTRIBUTES = frozenset({
    "modality", "body_part", "description", "laterality", "view_position", "series_number",
    "count", "plane",
})
IMAGE_ATTRIBUTES = frozenset({"laterality", "view_position", "patient_orientation", "plane"})
ATTRIBUTES = STUDY_ATTRIBUTES | SERIES_ATTRIBUTES | IMAGE_ATTRIBUTES

Facts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    attribute: str
    equals: str | None = None
    one_of: tuple[str, ...] = ()
    regex: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    weight: float = 1.0
    required: bool = False

    def holds(self, facts: Facts) -> bool:
        """True when some value of the attribute passes the test (absent: fails)."""
        value = facts.get(self.attribute)
        values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        return any(self._test(v) for v in values if v is not None and v != "")

    def _test(self, value: Any) -> bool:
        if self.minimum is not None or self.maximum is not None:
            try:
                number = float(value)
            except (TypeError, ValueError):
                return False
            low_ok = self.minimum is None or number >= self.minimum
            return low_ok and (self.maximum is None or number <= self.maximum)
        text = str(value).strip()
        if self.equals is not None:
            return text.upper() == self.equals.upper()
        if self.one_of:
            return text.upper() in {v.upper() for v in self.one_of}
        if self.regex is not None:
            return re.search(self.regex, text, re.IGNORECASE) is not None
        return True

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"attribute": self.attribute}
        if self.equals is not None:
            data["equals"] = self.equals
        if self.one_of:
            data["in"] = list(self.one_of)
        if self.regex is not None:
            data["regex"] = self.regex
        if self.minimum is not None:
            data["min"] = self.minimum
        if self.maximum is not None:
            data["max"] = self.maximum
        if self.weight != 1.0:
            data["weight"] = self.weight
        if self.required:
            data["required"] = True
        return data


def parse_rule(data: Any, where: str, allowed: frozenset[str] = ATTRIBUTES) -> Rule:
    require(isinstance(data, dict), where, "a rule must be an object")
    keys = {"attribute", "equals", "in", "regex", "min", "max", "weight", "required"}
    require(set(data) <= keys, where, f"unknown keys {sorted(set(data) - keys)}")
    attribute = data.get("attribute")
    require(attribute in allowed, f"{where}.attribute", f"unknown attribute {attribute!r}")
    tests = [k for k in ("equals", "in", "regex") if k in data]
    numeric = "min" in data or "max" in data
    require(len(tests) + (1 if numeric else 0) == 1, where,
            "exactly one test: equals, in, regex or min/max")
    regex = data.get("regex")
    if regex is not None:
        try:
            re.compile(regex)
        except re.error as exc:
            require(False, f"{where}.regex", f"invalid regular expression: {exc}")
    weight = data.get("weight", 1.0)
    require(isinstance(weight, int | float) and weight >= 0, f"{where}.weight",
            "must be a number >= 0")
    one_of = data.get("in", [])
    require(isinstance(one_of, list) and all(isinstance(v, str) for v in one_of),
            f"{where}.in", "must be a list of strings")
    return Rule(
        attribute=str(attribute),
        equals=None if data.get("equals") is None else str(data["equals"]),
        one_of=tuple(one_of),
        regex=regex,
        minimum=None if data.get("min") is None else float(data["min"]),
        maximum=None if data.get("max") is None else float(data["max"]),
        weight=float(weight),
        required=bool(data.get("required", False)),
    )


def score(rules: tuple[Rule, ...], facts: Facts) -> float | None:
    """Sum of the weights of the rules that hold; None when a required rule fails."""
    total = 0.0
    for rule in rules:
        if rule.holds(facts):
            total += rule.weight
        elif rule.required:
            return None
    return total
