"""Hanging engine: rules, parsing, prior pairing, mammography orientation, slice sync,
and saving a layout as a protocol."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workstation.core.hanging import slice_sync
from workstation.core.hanging.capture import CapturedViewport, protocol_from_layout
from workstation.core.hanging.facts import SeriesFacts, plane_from_description
from workstation.core.hanging.library import load_folder, load_protocols, save_protocol
from workstation.core.hanging.mammo import chest_wall_side, mammography_transform
from workstation.core.hanging.matching import best_protocol, select_image
from workstation.core.hanging.model import parse_protocol
from workstation.core.hanging.pairing import pair_series, sequence_kind
from workstation.core.hanging.rules import Rule, score
from workstation.core.orientation import letters_from_patient_orientation
from workstation.core.resource_files import ResourceError
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.view_transform import ViewTransform

# -- rules ------------------------------------------------------------------------------


def test_rules_add_weights_and_required_rules_exclude():
    rules = (Rule("modality", equals="ct", weight=10, required=True),
             Rule("body_part", one_of=("CHEST", "THORAX"), weight=5),
             Rule("study_description", regex=r"toraks|chest", weight=2),
             Rule("priors", minimum=1, weight=1))
    facts = {"modality": ["CT", "SR"], "body_part": ["THORAX"],
             "study_description": "Toraks BT", "priors": 0}
    assert score(rules, facts) == 17
    assert score(rules, {**facts, "priors": 2}) == 18
    assert score(rules, {**facts, "modality": ["MR"]}) is None


def test_parse_names_the_place_of_an_error():
    good = {"version": 1, "id": "x", "name": "X", "match": [],
            "stages": [{"name": "s", "rows": 1, "columns": 2, "viewports": [
                {"series": {"study": "current"}},
                {"series": {"study": "prior", "paired_with": 0}}]}]}
    protocol = parse_protocol(good)
    assert protocol.stages[0].viewports[1].series.prior == 1
    assert parse_protocol(json.loads(json.dumps(protocol.to_dict()))) == protocol
    bad = json.loads(json.dumps(good))
    bad["stages"][0]["viewports"][1]["series"]["paired_with"] = 1
    with pytest.raises(ResourceError, match=r"stages\[0\].viewports\[1\].series.paired_with"):
        parse_protocol(bad)
    bad = json.loads(json.dumps(good))
    bad["match"] = [{"attribute": "modality", "regex": "("}]
    with pytest.raises(ResourceError, match="regular expression"):
        parse_protocol(bad)
    bad = json.loads(json.dumps(good))
    bad["stages"][0]["rows"] = 5
    with pytest.raises(ResourceError, match="rows and columns"):
        parse_protocol(bad)


def test_select_image_by_laterality_and_view():
    images = [{"laterality": "R", "view_position": "CC"}, {"laterality": "L", "view_position": "CC"},
              {"laterality": "R", "view_position": "MLO"}, {"laterality": "L", "view_position": "MLO"}]
    rules = (Rule("laterality", equals="L", required=True),
             Rule("view_position", equals="MLO", required=True))
    assert select_image(rules, images) == 3
    assert select_image((Rule("laterality", equals="B", required=True),), images) is None
    assert select_image((), images, [1, 5, 2, 2]) == 1  # no rules: the largest


# -- pairing ----------------------------------------------------------------------------


def sf(uid, modality, description, body_part="", count=10, laterality="", view=""):
    plane = plane_from_description(description)
    return SeriesFacts(uid, modality, description, body_part, laterality, view, None, count,
                       plane)


def test_pairing_by_modality_sequence_plane_and_description():
    current = [sf("t2", "MR", "Ax T2 TSE", "HEAD"), sf("fl", "MR", "Ax FLAIR", "HEAD"),
               sf("sag", "MR", "Sag T1", "HEAD"), sf("ct", "CT", "Ax 5mm", "HEAD")]
    prior = [sf("p-fl", "MR", "Ax T2 FLAIR", "HEAD"), sf("p-t2", "MR", "Ax T2 TSE", "HEAD"),
             sf("p-ax-t1", "MR", "Ax T1", "HEAD"), sf("p-sag", "MR", "Sag T1 SE", "HEAD")]
    assert pair_series(current, prior) == {"t2": "p-t2", "fl": "p-fl", "sag": "p-sag"}
    assert pair_series([sf("fl", "MR", "Ax FLAIR")], [sf("t2", "MR", "Ax T2 TSE")]) == {}
    assert sequence_kind("AX T2 FLAIR fs") == "FLAIR"


def test_pairing_never_crosses_sides():
    current = [sf("r", "MG", "R CC", laterality="R")]
    assert pair_series(current, [sf("l", "MG", "R CC", laterality="L")]) == {}
    assert pair_series(current, [sf("r2", "MG", "R CC", laterality="R")]) == {"r": "r2"}


# -- mammography orientation ------------------------------------------------------------

# (laterality, view, Patient Orientation as stored): standard, chest wall on the other
# side (detector read-out), upside down, and turned a quarter.
STORED = [
    ("R", "CC", ("P", "L")), ("R", "CC", ("A", "L")), ("R", "CC", ("A", "R")),
    ("L", "CC", ("A", "R")), ("L", "CC", ("P", "R")), ("L", "CC", ("P", "L")),
    ("R", "MLO", ("P", "FL")), ("R", "MLO", ("A", "FL")), ("R", "MLO", ("A", "HR")),
    ("L", "MLO", ("A", "FR")), ("L", "MLO", ("P", "FR")), ("L", "MLO", ("P", "HL")),
    ("R", "CC", ("L", "A")), ("L", "MLO", ("FR", "P")),
]


@pytest.mark.parametrize(("side", "view", "stored"), STORED)
def test_mammograms_hang_chest_wall_inward_whatever_the_stored_orientation(side, view, stored):
    transform = mammography_transform(side, stored, view)
    assert transform is not None
    screen = transform.apply(letters_from_patient_orientation(stored))
    chest = "right" if side == "R" else "left"
    assert chest_wall_side(side) == chest
    assert getattr(screen, chest).startswith("P")  # posterior = chest wall
    if view == "CC":
        assert screen.bottom == ("L" if side == "R" else "R")  # medial side down
    else:
        assert "F" in screen.bottom  # feet down


def test_standard_mammograms_stay_as_stored_and_missing_data_leaves_them_alone():
    assert mammography_transform("R", ("P", "L"), "CC") == ViewTransform()
    assert mammography_transform("L", ("A", "FR"), "MLO") == ViewTransform()
    assert mammography_transform("R", ("A", "L"), "CC") == ViewTransform(0, True)
    assert mammography_transform("", ("A", "L"), "CC") is None
    assert mammography_transform("R", (), "CC") is None


# -- slice sync -------------------------------------------------------------------------


def axial(count: int, top: float, step: float, frame: str) -> ImageStack:
    positions = np.array([[0.0, 0.0, top - step * k] for k in range(count)])
    return ImageStack(np.zeros((count, 2, 2), np.int16), positions=positions,
                      header=SeriesHeader(frame_of_reference_uid=frame))


def test_current_and_prior_follow_by_position_with_the_hanging_offset():
    current = axial(240, 145.0, 1.25, "f1")
    prior = axial(60, 155.0, 5.0, "f2")  # same anatomy 10 mm higher in its own frame
    offset = slice_sync.top_offset(current, prior)
    assert offset == pytest.approx(10.0)
    k = 120  # z = -5 -> prior z = 5 -> slice 30
    assert slice_sync.follow(current, k, prior, offset_mm=offset) == 30
    assert slice_sync.follow(prior, 30, current, offset_mm=-offset) == 120
    same = axial(100, 145.0, 2.5, "f1")
    assert slice_sync.follow(current, k, same, offset_mm=99.0) == 60  # one frame: position
    flat = ImageStack(np.zeros((5, 2, 2), np.int16))
    assert slice_sync.follow(flat, 2, flat, index_offset=1) == 3
    assert slice_sync.anchor_offset(current, 0, prior, 2) == pytest.approx(0.0)


# -- saving a layout --------------------------------------------------------------------


def test_saved_layout_loads_back_and_wins_for_the_same_kind_of_study(tmp_path):
    study = {"modality": ["CT"], "body_part": ["CHEST"], "study_description": "Toraks BT",
             "priors": 1, "anatomy": "CHEST | Toraks BT"}
    current = SeriesFacts("c", "CT", "Ax 1.25 Lung", "CHEST", count=240)
    prior = SeriesFacts("p", "CT", "Ax 5 (mm)", "CHEST", count=60)
    layout = [CapturedViewport(0, current, None, (-600.0, 1500.0)),
              CapturedViewport(1, prior, None, (-600.0, 1500.0), rotation=1, flipped=True)]
    protocol = protocol_from_layout("My chest", study, 1, 2, layout)
    path = save_protocol(protocol, tmp_path / "mine")
    loaded, problems = load_folder(tmp_path / "mine", user=True)
    assert problems == [] and path.name == "user-my-chest.json"
    (mine,) = loaded
    assert mine.to_dict() == protocol.to_dict()
    spec = mine.stages[0].viewports[1]
    assert (spec.series.prior, spec.rotation, spec.flipped) == (1, 1, True)
    assert spec.series.rules[1].holds({"description": "Ax 5 (mm)"})
    assert not spec.series.rules[1].holds({"description": "Ax 5 (mm) MIP"})
    everything, _ = load_protocols(tmp_path / "mine")
    assert best_protocol(everything, study).id == "user-my-chest"
    assert best_protocol(everything, {**study, "priors": 0}).id == "ct-chest"


def test_a_broken_user_protocol_is_skipped_and_reported(tmp_path):
    (tmp_path / "bad.json").write_text('{"version": 1, "id": "b"}', encoding="utf-8")
    protocols, problems = load_protocols(tmp_path)
    assert len(problems) == 1 and problems[0].startswith("bad.json")
    assert "generic" in {p.id for p in protocols}
