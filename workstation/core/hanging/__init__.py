"""Hanging protocols: data-driven layouts chosen by the study, with priors paired."""

from workstation.core.hanging.facts import SeriesFacts, image_facts, study_facts
from workstation.core.hanging.matching import Assignment, best_protocol, plan_stage, select_image
from workstation.core.hanging.model import Protocol, Stage, ViewportSpec, parse_protocol

__all__ = [
    "Assignment",
    "Protocol",
    "SeriesFacts",
    "Stage",
    "ViewportSpec",
    "best_protocol",
    "image_facts",
    "parse_protocol",
    "plan_stage",
    "select_image",
    "study_facts",
]
