"""3D volume rendering: presets as data, rendering of the shared volume, clip box, LOD."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.volume_presets import all_presets, presets_for, stored_points
from workstation.render.mpr.volume import SharedVolume
from workstation.render.mpr.volume_view import INTERACTIVE_FACTOR, VolumeView


def _sphere_ct() -> ImageStack:
    n = 48
    z, y, x = np.mgrid[:n, :64, :64]
    inside = (x - 32) ** 2 + (y - 32) ** 2 + ((z - 24) * 1.5) ** 2 < 22**2
    pixels = np.where(inside, 2400, 24).astype(np.int16)  # stored; HU = stored - 1024
    return ImageStack(pixels=pixels, intercept=-1024.0,
                      positions=np.outer(np.arange(n) * 1.5, [0.0, 0.0, 1.0]),
                      pixel_spacing=(1.0, 1.0), header=SeriesHeader(modality="CT"))


@pytest.fixture(scope="module")
def view() -> VolumeView:
    return VolumeView.offscreen(SharedVolume(_sphere_ct()), 160, 160)


def test_the_shipped_presets_cover_ct_and_mr():
    ids = {p.id for p in all_presets()}
    assert {"ct-bone", "ct-soft-tissue", "ct-angio", "ct-lung", "mr-default"} <= ids
    assert presets_for("CT")[0].id == "ct-bone"
    assert presets_for("MR")[0].id == "mr-default"
    assert presets_for("XA")[0].units == "relative"


def test_preset_values_are_mapped_to_stored_values():
    stack = _sphere_ct()
    bone = next(p for p in all_presets() if p.id == "ct-bone")
    color, opacity = stored_points(bone, stack)
    assert opacity[1][0] == pytest.approx(bone.opacity[1][0] + 1024)
    assert color[0][1:] == bone.color[0][1:]


def test_the_volume_is_rendered_and_the_clip_box_cuts_it(view: VolumeView):
    assert view.volume.image.GetPointData().GetScalars().GetDataType() == 4  # VTK_SHORT
    frame = view.capture()
    centre = frame[70:90, 70:90].mean()
    corner = frame[:10, -10:].mean()
    assert centre > 60 and corner < 5
    view.clip_around(view.volume.grid.to_lps([5.0, 5.0, 5.0]), 4.0)  # a corner: empty
    assert view.mapper.GetCropping() == 1
    assert view.capture()[70:90, 70:90].mean() < 5
    assert "clipped" in view.label.GetInput()
    view.set_clip_box((0.0, 1.0, 0.0, 1.0, 0.0, 1.0))
    assert view.mapper.GetCropping() == 0


def test_sampling_is_coarser_while_interacting(view: VolumeView):
    fine = view.sample_distance
    view.begin_interaction()
    assert view.sample_distance == pytest.approx(fine * INTERACTIVE_FACTOR)
    if view.software_gl:  # the CPU ray caster also casts fewer rays
        assert view.mapper.GetImageSampleDistance() == 2.0
    view.rotate(30.0, 10.0)
    view.end_interaction()
    assert view.sample_distance == pytest.approx(fine)


def test_presets_change_the_picture(view: VolumeView):
    view.reset_camera()
    first = view.capture().astype(int)
    view.cycle_preset()
    assert view.preset is not None and view.preset.id != "ct-bone"
    assert np.abs(view.capture().astype(int) - first).mean() > 1.0


def test_a_broken_preset_is_refused_with_its_place():
    from workstation.core.resource_files import ResourceError
    from workstation.core.volume_presets import parse_preset

    good = {"id": "x", "name": "X", "modalities": ["CT"], "units": "modality",
            "color": [[0, 0, 0, 0], [1, 1, 1, 1]], "opacity": [[0, 0], [1, 1]]}
    assert parse_preset(good, "x.json").units == "modality"
    with pytest.raises(ResourceError, match="x.json: units"):
        parse_preset({**good, "units": "HU"}, "x.json")
    with pytest.raises(ResourceError, match="values must increase"):
        parse_preset({**good, "opacity": [[5, 0], [1, 1]]}, "x.json")
    with pytest.raises(ResourceError, match=r"opacity\[1\]"):
        parse_preset({**good, "opacity": [[0, 0], [1, 2]]}, "x.json")


def test_a_large_volume_is_rendered_from_every_nth_voxel(monkeypatch):
    from workstation.render.mpr import volume as volume_module

    monkeypatch.setattr(volume_module, "MAX_RENDER_VOXELS", 20_000)
    shared = SharedVolume(_sphere_ct())  # 48 x 64 x 64 = 196608 voxels
    assert shared.render_stride == 3
    image = shared.render_image()
    assert image.GetDimensions() == (22, 22, 16)
    assert image.GetSpacing() == pytest.approx((3.0, 3.0, 4.5))
    assert shared.render_image() is image  # made once
    assert shared.image.GetDimensions() == (64, 64, 48)  # the planes read every voxel
    view = VolumeView.offscreen(shared, 64, 64)
    assert "1/3 resolution" in view.label.GetInput()


def test_zoom_and_rotate_change_the_picture_and_reset_brings_it_back():
    view = VolumeView.offscreen(SharedVolume(_sphere_ct()), 160, 160)
    home = view.capture()
    lit = int((home.max(axis=2) > 30).sum())
    view.zoom_by(1.6)
    zoomed = int((view.capture().max(axis=2) > 30).sum())
    assert zoomed > 1.8 * lit  # area grows with the square of the zoom
    view.reset_camera()
    np.testing.assert_array_equal(view.capture(), home)
    # half the ball (x > middle) seen from the front is a half disc; a quarter turn about
    # the vertical shows it from the side, a whole disc
    view.set_clip_box((0.5, 1.0, 0.0, 1.0, 0.0, 1.0))
    front = int((view.capture().max(axis=2) > 30).sum())
    view.rotate(90.0, 0.0)
    side = int((view.capture().max(axis=2) > 30).sum())
    assert side > 1.5 * front
