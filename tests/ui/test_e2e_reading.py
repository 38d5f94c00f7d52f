"""End to end on the real demo hub: sign in through the real dialog, open the STAT CT,
check what is on the screen against the display pipeline, submit a report, find it in the
hub's database."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton

from workstation.core.display import apply_display
from workstation.core.study import StudyStatus
from workstation.core.window import Window
from workstation.demohub.accounts import DEMO_READER
from workstation.demohub.datagen import study_by_uid
from workstation.demohub.datagen.landmarks import ct_landmarks
from workstation.demohub.server import start_in_thread
from workstation.demohub.settings import HubSettings
from workstation.ui.app import build_main
from workstation.ui.worklist_model import Column

MEDIASTINUM = Window(40, 400)


@pytest.fixture
def hub(tmp_path, demo_manifest):
    running = start_in_thread(tmp_path / "hub", manifest=demo_manifest,
                              settings=HubSettings(bcrypt_rounds=4))
    yield running
    running.stop()


@pytest.fixture
def controller(qtbot, hub, tmp_path, session_key):
    c = build_main(hub.base_url, demo_user=DEMO_READER, cache_base=tmp_path / "cache")
    yield c
    c.shutdown()
    for window in (c.viewer_window, c.worklist_window, c.login_dialog):
        if window is not None:
            window.hide()
            window.deleteLater()


def _sign_in_through_dialog(qtbot, controller, code: str) -> None:
    dialog = controller.login_dialog
    qtbot.waitExposed(dialog)
    for name, text in (("username", DEMO_READER.username), ("password", DEMO_READER.password),
                       ("code", code)):
        field = dialog.findChild(QLineEdit, name)
        field.clear()
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(dialog.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)


def _image_to_display(view, row: float, col: float) -> tuple[float, float]:
    """Invert the view's affine display->image mapping from three probes."""
    h, w = view.capture().shape[:2]
    cx, cy = w / 2.0, h / 2.0  # the view centre lies on the image after a reset
    o = np.array(view.display_to_image(cx, cy))
    ex = np.array(view.display_to_image(cx + 1.0, cy)) - o
    ey = np.array(view.display_to_image(cx, cy + 1.0)) - o
    m = np.column_stack([ex, ey])  # image = o + m @ (x - cx, y - cy)
    dx, dy = np.linalg.solve(m, np.array([row, col]) - o)
    return float(cx + dx), float(cy + dy)


def _landmark_pixel(stack, position) -> tuple[int, int, int]:
    """Slice index and (row, col) of an LPS point in a stack (PS3.3 C.7.6.2.1.1)."""
    p = np.asarray(position, dtype=float)
    depth = np.asarray(stack.positions) @ stack.normal
    k = int(np.argmin(np.abs(depth - p @ stack.normal)))
    d = p - np.asarray(stack.positions[k])
    col = float(d @ np.asarray(stack.row_cosine)) / stack.pixel_spacing[1]
    row = float(d @ np.asarray(stack.column_cosine)) / stack.pixel_spacing[0]
    return k, round(row), round(col)


def _screen_gray(canvas, x: float, y: float) -> int:
    """Grey level on the real screen (X server framebuffer) at a canvas point."""
    ratio = canvas.devicePixelRatioF()
    g = canvas.mapToGlobal(QPoint(round(x / ratio), round(y / ratio)))
    image = QGuiApplication.primaryScreen().grabWindow(0, g.x(), g.y(), 1, 1).toImage()
    c = image.pixelColor(0, 0)
    assert c.red() == c.green() == c.blue(), "grayscale image shows colour"
    return c.red()


def test_read_stat_ct_and_submit_report(qtbot, hub, controller):
    _sign_in_through_dialog(qtbot, controller, DEMO_READER.totp().now())
    qtbot.waitUntil(lambda: controller.worklist_window is not None, timeout=30_000)
    worklist = controller.worklist_window
    qtbot.waitUntil(lambda: worklist.is_loaded, timeout=30_000)
    items = [worklist.model.item(r) for r in range(worklist.model.rowCount())]
    assert items[0].priority.value == "STAT"
    ct = next(i for i in items if i.modality == "CT")
    assert ct.priority.value == "STAT"

    viewer = controller.open_study(ct)
    failures: list[str] = []
    viewer.load_failed.connect(failures.append)
    qtbot.waitUntil(lambda: viewer.is_series_ready or bool(failures), timeout=180_000)
    assert not failures, failures
    # Opening took the reading lock on the hub; the worklist shows it as the reader's.
    qtbot.waitUntil(lambda: viewer.claim_label.text().startswith("Reading lock: yours"),
                    timeout=30_000)
    row = worklist.model.row_of(ct.study_uid)
    assert worklist.model.index(row, Column.CLAIM).data() == "Mine"
    view = viewer.viewport.slice_view
    stack = view.stack
    assert stack.count >= 60 and stack.rows == 512

    marks = ct_landmarks(study_by_uid(ct.study_uid).key)
    view.set_window(MEDIASTINUM)
    canvas = viewer.viewport.canvas
    for name in ("liver", "air"):
        k, row, col = _landmark_pixel(stack, marks[name].position)
        view.set_slice(k)
        view.render()
        qtbot.wait(50)
        x, y = _image_to_display(view, row, col)
        # The screen pixel containing that point, and the image pixel under its centre.
        i, j = int(np.floor(y)), int(np.floor(x))
        r, c = (round(v) for v in view.display_to_image(j + 0.5, i + 0.5))
        assert abs(r - row) <= 1 and abs(c - col) <= 1
        stored = stack.pixels[k, r, c]
        expected = int(apply_display(np.array([stored]), stack.slope, stack.intercept,
                                     MEDIASTINUM)[0])
        frame = view.capture()
        assert abs(int(frame[i, j].mean()) - expected) <= 1, name
        assert abs(_screen_gray(canvas, j, i) - expected) <= 1, name
        hu = stored * stack.slope + stack.intercept
        if name == "air":
            assert hu < -900 and expected == 0
        else:
            assert 0 < hu < 120 and 100 < expected < 200

    panel = viewer.report_panel
    panel.findings.setPlainText("Solid nodule in the right lower lobe, 12 mm.")
    panel.impression.setPlainText("Pulmonary nodule; follow-up CT in 3 months.")
    with qtbot.waitSignal(panel.submitted, timeout=30_000):
        panel.submit()

    with sqlite3.connect(hub.db_path) as db:
        rows = db.execute(
            "SELECT kind, findings, impression, author FROM reports WHERE study_uid = ?",
            (ct.study_uid,)).fetchall()
    assert rows == [("FINAL", "Solid nodule in the right lower lobe, 12 mm.",
                     "Pulmonary nodule; follow-up CT in 3 months.", DEMO_READER.username)]
    qtbot.waitUntil(
        lambda: worklist.model.item(worklist.model.row_of(ct.study_uid)).status
        is StudyStatus.FINAL, timeout=30_000)
    # Signing gave the lock back.
    qtbot.waitUntil(lambda: not worklist.model.item(worklist.model.row_of(ct.study_uid))
                    .claimed_by, timeout=30_000)
    with sqlite3.connect(hub.db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM claims WHERE study_uid = ?",
                          (ct.study_uid,)).fetchone() == (0,)


def test_wrong_and_replayed_codes_are_refused_in_the_dialog(qtbot, hub, controller, tmp_path):
    dialog = controller.login_dialog
    good = DEMO_READER.totp().now()
    wrong = f"{(int(good) + 500_000) % 1_000_000:06d}"
    _sign_in_through_dialog(qtbot, controller, wrong)
    qtbot.waitUntil(lambda: "wrong" in dialog.message.text().lower(), timeout=30_000)
    assert controller.worklist_window is None

    _sign_in_through_dialog(qtbot, controller, good)
    qtbot.waitUntil(lambda: controller.worklist_window is not None, timeout=30_000)
    controller.shutdown()  # signs out; the same code must not work again

    again = build_main(hub.base_url, demo_user=DEMO_READER, cache_base=tmp_path / "cache2")
    try:
        _sign_in_through_dialog(qtbot, again, good)
        qtbot.waitUntil(lambda: "already" in again.login_dialog.message.text().lower(),
                        timeout=30_000)
        assert again.worklist_window is None
    finally:
        again.shutdown()
        if again.login_dialog is not None:
            again.login_dialog.hide()
