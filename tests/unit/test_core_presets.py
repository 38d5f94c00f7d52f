"""Window presets and shortcuts as data: shipped values, validation, CT_PRESETS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.core.presets import load_presets, parse_presets, presets_for
from workstation.core.resource_files import ResourceError, resource_path
from workstation.core.shortcuts import load_shortcuts, parse_shortcuts, with_overrides
from workstation.core.window import CT_PRESETS, Window


def _presets_doc() -> dict:
    return json.loads(resource_path("presets", "window_presets.json").read_text())


def test_ct_presets_on_keys_one_to_eight():
    got = {(p.key, p.name): (p.window.center, p.window.width) for p in presets_for("CT")}
    assert got == {
        (1, "Brain"): (40, 80), (2, "Subdural"): (75, 215), (3, "Stroke"): (40, 40),
        (4, "Lung"): (-600, 1500), (5, "Mediastinum"): (40, 400), (6, "Abdomen"): (50, 350),
        (7, "Liver"): (60, 160), (8, "Bone"): (400, 1800),
    }
    assert presets_for("ct") == presets_for("CT")


def test_ct_presets_constant_is_derived_from_the_data():
    assert CT_PRESETS[0] == ("Brain", Window(40, 80, "Brain"))
    assert [name for name, _ in CT_PRESETS] == [p.name for p in presets_for("CT")]


def test_other_modalities_use_the_image_windows():
    table = load_presets()
    for modality in ("MR", "MG", "DX", "US", "XYZ"):
        assert presets_for(modality) == []
        assert table.uses_image_windows(modality)
    assert not table.uses_image_windows("CT")


@pytest.mark.parametrize("breakage, where", [
    (lambda d: d["modalities"]["CT"]["presets"][1].update(key=1), "keys must be unique"),
    (lambda d: d["modalities"]["CT"]["presets"][0].update(width=-5), "presets[0].width"),
    (lambda d: d["modalities"]["CT"]["presets"][0].pop("center"), "presets[0]"),
    (lambda d: d["modalities"]["CT"]["presets"][0].update(function="CUBIC"), "function"),
    (lambda d: d["modalities"]["MR"].update(source="dicom"), "modalities.MR.source"),
    (lambda d: d.update(version=2), "version"),
])
def test_broken_preset_files_are_refused_with_the_place(breakage, where):
    doc = _presets_doc()
    breakage(doc)
    with pytest.raises(ResourceError, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse_presets(doc)


def test_load_presets_from_a_path(tmp_path: Path):
    doc = _presets_doc()
    doc["modalities"]["MR"] = {"source": "presets",
                               "presets": [{"key": 1, "name": "T2", "center": 500,
                                            "width": 1000, "function": "SIGMOID"}]}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc))
    (t2,) = load_presets(path).presets_for("MR")
    assert t2.window.function == "SIGMOID" and t2.window.center == 500.0
    path.write_text("{not json")
    with pytest.raises(ResourceError, match="p.json"):
        load_presets(path)


def test_every_viewer_action_has_a_shortcut():
    shortcuts = load_shortcuts()
    required = {"scroll.next", "scroll.previous", "scroll.first", "scroll.last",
                "view.rotate_cw", "view.rotate_ccw", "view.flip_h", "view.flip_v",
                "view.invert", "view.reset", "view.zoom_fit", "view.zoom_1to1",
                "view.true_size", "cine.toggle", "overlay.toggle_phi", "keyimage.toggle",
                "study.next", "measure.length", "measure.angle", "measure.cobb",
                "measure.ellipse", "measure.rectangle", "measure.freehand", "measure.probe"}
    required |= {f"wl.preset.{n}" for n in range(1, 9)}
    assert required <= set(shortcuts)
    assert shortcuts["wl.preset.4"].keys == ("4",)
    assert shortcuts["view.rotate_cw"].keys == ("Ctrl+R",)
    keys = [k for s in shortcuts.values() for k in s.keys]
    assert len(keys) == len(set(keys))


def test_shortcut_conflicts_are_refused():
    doc = json.loads(resource_path("shortcuts.json").read_text())
    doc["actions"]["view.flip_v"]["keys"] = ["H"]
    with pytest.raises(ResourceError, match="'H' is already used by view.flip_h"):
        parse_shortcuts(doc)
    defaults = load_shortcuts()
    with pytest.raises(ResourceError, match="already used"):
        with_overrides(defaults, {"view.flip_v": ["I"]})
    remapped = with_overrides(defaults, {"view.flip_v": ["Ctrl+Alt+V"]})
    assert remapped["view.flip_v"].keys == ("Ctrl+Alt+V",)
    with pytest.raises(ResourceError, match="unknown action"):
        with_overrides(defaults, {"nope.x": ["X"]})
