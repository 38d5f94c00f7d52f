"""Shipped hanging protocols: each is chosen for its kind of study and hangs it as meant."""

from __future__ import annotations

from datetime import datetime

import pytest

from workstation.core.hanging.facts import SeriesFacts, study_facts
from workstation.core.hanging.library import load_protocols
from workstation.core.hanging.matching import best_protocol, plan_stage
from workstation.core.study import (
    InstanceRef,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    WorklistItem,
)


def item(uid: str, modality: str, description: str, year: int = 2025) -> WorklistItem:
    return WorklistItem(uid, "A1", "P^Q", "1", "F", None, modality, description,
                        datetime(year, 1, 1), "t", "h", Priority.ROUTINE, StudyStatus.UNREAD)


def series(uid: str, modality: str, description: str, count: int = 10, body_part: str = "",
           view: str = "", number: int = 1) -> SeriesRef:
    refs = tuple(InstanceRef(f"{uid}.{k}", k) for k in range(count))
    return SeriesRef(uid, number, modality, description, refs, body_part, "", view)


def detail(modality: str, description: str, refs: list[SeriesRef],
           priors: int = 0) -> StudyDetail:
    prior_items = tuple(item(f"p{n}", modality, description, 2024 - n) for n in range(priors))
    return StudyDetail(item("s", modality, description), tuple(refs), prior_items)


@pytest.fixture(scope="module")
def protocols():
    shipped, problems = load_protocols(None)
    assert problems == []
    return shipped


def chosen(protocols, d: StudyDetail) -> str:
    protocol = best_protocol(protocols, study_facts(d))
    assert protocol is not None
    return protocol.id


def facts(refs: list[SeriesRef]) -> list[SeriesFacts]:
    return [SeriesFacts.of(r) for r in refs]


CT_CURRENT = [series("c-lung", "CT", "Ax 1.25mm Lung", 240, "CHEST", number=3),
              series("c-std", "CT", "Ax 1.25mm Standard", 240, "CHEST", number=2),
              series("c-scout", "CT", "Topogram", 1, "CHEST", number=1)]
CT_PRIOR = [series("p-std", "CT", "Ax 5mm Low dose", 60, "CHEST"),
            series("p-scout", "CT", "Scout", 2, "CHEST")]


def test_every_shipped_protocol_is_loaded(protocols):
    assert {p.id for p in protocols} >= {
        "ct-chest", "ct-chest-prior", "ct-abdomen", "ct-head", "mr-brain", "xr-chest",
        "mg-screening", "generic"}


def test_ct_chest_with_prior_hangs_lung_and_mediastinum_beside_the_paired_prior(protocols):
    d = detail("CT", "Toraks BT (kontrastlı)", CT_CURRENT, priors=1)
    assert chosen(protocols, d) == "ct-chest-prior"
    protocol = next(p for p in protocols if p.id == "ct-chest-prior")
    stage = protocol.stages[0]
    plan = plan_stage(stage, facts(CT_CURRENT), {1: facts(CT_PRIOR)})
    assert [(a.prior, a.series_uid) for a in plan] == [
        (0, "c-lung"), (1, "p-std"), (0, "c-std"), (1, "p-std")]
    assert [v.window.preset for v in stage.viewports] == ["Lung", "Lung", "Mediastinum",
                                                           "Mediastinum"]
    kinds = {g.members: g.kinds for g in stage.sync_groups}
    assert "scroll" in kinds[(0, 1, 2, 3)] and set(kinds[(0, 1)]) == {"window", "zoom"}


def test_ct_chest_without_prior_gets_the_single_study_protocol(protocols):
    assert chosen(protocols, detail("CT", "Chest CT", CT_CURRENT)) == "ct-chest"


@pytest.mark.parametrize(("description", "body_part", "expected"), [
    ("CT abdomen pelvis", "ABDOMEN", "ct-abdomen"),
    ("Batın BT", "", "ct-abdomen"),
    ("Beyin BT", "", "ct-head"),
    ("CT head without contrast", "HEAD", "ct-head"),
    ("CT extremity", "KNEE", "generic"),
])
def test_ct_regions(protocols, description, body_part, expected):
    refs = [series("a", "CT", "Ax 5mm", 40, body_part)]
    assert chosen(protocols, detail("CT", description, refs)) == expected


def test_ct_head_hangs_brain_and_bone_windows(protocols):
    protocol = next(p for p in protocols if p.id == "ct-head")
    assert [v.window.preset for v in protocol.stages[0].viewports] == ["Brain", "Bone"]


MR_CURRENT = [series("t1", "MR", "Ax T1 SE", 24, "HEAD", number=1),
              series("t2", "MR", "Ax T2 TSE", 24, "HEAD", number=2),
              series("fl", "MR", "Ax T2 FLAIR", 24, "HEAD", number=3),
              series("dwi", "MR", "Ax DWI b1000", 24, "HEAD", number=4),
              series("loc", "MR", "Localizer", 3, "HEAD", number=5)]
MR_PRIOR = [series("pt2", "MR", "AX T2 TSE", 24, "HEAD"), series("pt1", "MR", "Ax T1", 24, "HEAD")]


def test_mr_brain_hangs_each_sequence_and_pairs_the_prior_by_sequence(protocols):
    d = detail("MR", "Beyin MR", MR_CURRENT, priors=1)
    assert chosen(protocols, d) == "mr-brain"
    protocol = next(p for p in protocols if p.id == "mr-brain")
    first = plan_stage(protocol.stages[0], facts(MR_CURRENT), {})
    assert [a.series_uid for a in first] == ["t1", "t2", "fl", "dwi"]
    second = plan_stage(protocol.stages[1], facts(MR_CURRENT), {1: facts(MR_PRIOR)})
    # The prior has no FLAIR: the FLAIR's partner stays empty rather than showing a T2.
    assert [(a.prior, a.series_uid) for a in second] == [(0, "t2"), (1, "pt2"), (0, "fl"),
                                                          (1, None)]


def test_chest_radiographs_frontal_beside_prior_then_frontal_and_lateral(protocols):
    current = [series("lat", "DX", "Chest lateral", 1, "CHEST", "LL"),
               series("pa", "DX", "Chest PA", 1, "CHEST", "PA")]
    prior = [series("old-lat", "CR", "Lateral", 1, "CHEST", "LL"),
             series("old-pa", "CR", "PA", 1, "CHEST", "PA")]
    d = detail("DX", "Akciğer grafisi", current, priors=1)
    assert chosen(protocols, d) == "xr-chest"
    protocol = next(p for p in protocols if p.id == "xr-chest")
    first = plan_stage(protocol.stages[0], facts(current), {1: facts(prior)})
    assert [a.series_uid for a in first] == ["pa", None]  # CR is another modality
    same = [series("old-pa", "DX", "PA", 1, "CHEST", "PA")]
    first = plan_stage(protocol.stages[0], facts(current), {1: facts(same)})
    assert [a.series_uid for a in first] == ["pa", "old-pa"]
    assert protocol.stages[0].scale == "same_physical_size"
    second = plan_stage(protocol.stages[1], facts(current), {})
    assert [a.series_uid for a in second] == ["pa", "lat"]


def test_mammography_screening_stages(protocols):
    current = [series("mg", "MG", "Tarama 4 poz", 4, "BREAST")]
    d = detail("MG", "Bilateral tarama mamografisi", current, priors=1)
    assert chosen(protocols, d) == "mg-screening"
    protocol = next(p for p in protocols if p.id == "mg-screening")
    names = [s.name for s in protocol.stages]
    assert names == ["4-view", "CC: current over prior", "MLO: current over prior"]
    four = protocol.stages[0]
    views = [tuple(r.equals for r in v.image_rules) for v in four.viewports]
    assert views == [("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")]
    assert all(v.orientation == "mammography" and v.align == "chest_wall"
               for s in protocol.stages for v in s.viewports)
    assert all(s.scale == "same_physical_size" for s in protocol.stages)
    plan = plan_stage(protocol.stages[1], facts(current),
                      {1: facts([series("old", "MG", "Screening", 4, "BREAST")])})
    assert [(a.prior, a.series_uid) for a in plan] == [(0, "mg"), (0, "mg"), (1, "old"),
                                                        (1, "old")]


def test_anything_else_falls_back_to_the_generic_protocol(protocols):
    refs = [series("us1", "US", "Abdomen", 30), series("us2", "US", "Liver", 50)]
    d = detail("US", "Abdominal ultrasound", refs, priors=1)
    assert chosen(protocols, d) == "generic"
    protocol = next(p for p in protocols if p.id == "generic")
    assert [a.series_uid for a in plan_stage(protocol.stages[0], facts(refs), {})] == ["us2"]
    prior = [series("old", "US", "Liver", 40)]
    plan = plan_stage(protocol.stages[1], facts(refs), {1: facts(prior)})
    assert [a.series_uid for a in plan] == ["us2", "old"]
