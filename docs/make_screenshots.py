"""Regenerate the README screenshots from the real application on the demo hub.

Run under an X server (for example ``xvfb-run -s "-screen 0 1600x1000x24"``)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_screenshots.py

It signs in as the demo reader and grabs the sign-in dialog, the worklist, the
mammography 4-view hanging, the CT chest with its prior (2x2, a length on the nodule),
the report panel with the CT chest template filled in, MPR + 3D, the settings dialog and
the lock screen; then it runs once more in Turkish for the worklist. Screen grabs use
``QScreen.grabWindow(0)``: ``QWidget.grab()`` shows VTK views black.

Settings, keychain and caches live in a temporary folder, so the reader's own settings
are neither used nor changed; the keychain is an in-memory one (as on a desktop with a
working keychain, so no "session-only key" notice appears).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOW = (1400, 900)
WORKLIST = (1560, 600)
ZOOM = 1.8
PAN_SIGN = (1.0, 1.0)
LANGUAGE_ARG = "--language"


def isolate(folder: Path) -> None:
    """Point every per-user location at ``folder`` before Qt or platformdirs read them."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        path = folder / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(path)
    os.environ["WORKSTATION_CONFIG_DIR"] = str(folder / "workstation-config")
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.secrets.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


def wait_until(predicate, seconds: float = 120.0, what: str = "") -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError(f"the application did not get there in time: {what}")
        QApplication.processEvents()
        time.sleep(0.02)


def settle(seconds: float = 0.6) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def place(window, width: int, height: int) -> None:
    """Size and put the window in the top-left corner, above the others."""
    window.showNormal()
    window.setGeometry(0, 0, width, height)
    window.raise_()
    window.activateWindow()


def optimise(path: Path, scale_to: int | None = None) -> None:
    """Smaller PNGs: optional downscale, then a 256-colour palette (the pictures are mostly
    grey images and a dark interface) and zlib's best compression."""
    from PIL import Image

    image = Image.open(path).convert("RGB")
    if scale_to and image.width > scale_to:
        height = round(image.height * scale_to / image.width)
        image = image.resize((scale_to, height), Image.Resampling.LANCZOS)
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, optimize=True)


def grab(window, path: Path, *, rect=None, scale_to: int | None = None) -> None:
    """The screen under ``window`` (or under ``rect``, in global coordinates)."""
    from PySide6.QtWidgets import QApplication

    window.raise_()
    settle()
    geo = rect if rect is not None else window.frameGeometry()
    QApplication.primaryScreen().grabWindow(0, geo.x(), geo.y(), geo.width(),
                                            geo.height()).save(str(path))
    optimise(path, scale_to)
    print("wrote", path, path.stat().st_size // 1024, "KiB", flush=True)


def global_rect(widget):
    from PySide6.QtCore import QRect

    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def nearest_slice(stack, point) -> int:
    import numpy as np

    depth = stack.positions @ stack.normal
    return int(abs(depth - float(np.dot(point, stack.normal))).argmin())


def pixel_of(stack, k: int, point) -> tuple[float, float]:
    """(row, column) of patient point ``point`` on slice ``k`` (PS3.3 C.7.6.2.1.1)."""
    import numpy as np

    offset = np.asarray(point, float) - stack.positions[k]
    row = float(offset @ np.asarray(stack.column_cosine)) / stack.pixel_spacing[0]
    col = float(offset @ np.asarray(stack.row_cosine)) / stack.pixel_spacing[1]
    return row, col


def drag_length(viewer, a: tuple[float, float], b: tuple[float, float]) -> None:
    """Draw a length with the mouse the way the reader does (L, press, move, release)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    viewer.panels.choose_tool("length")
    vp = viewer.viewport

    def at(row: float, col: float) -> QPointF:
        x, y = vp.slice_view.image_to_display(row, col)
        ratio = vp.canvas.devicePixelRatioF()
        return QPointF(x / ratio, y / ratio)

    left = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    start, end = at(*a), at(*b)
    vp.press(QMouseEvent(QMouseEvent.Type.MouseButtonPress, start, start, left, left, none))
    vp.move(QMouseEvent(QMouseEvent.Type.MouseMove, end, end, Qt.MouseButton.NoButton, left,
                        none))
    vp.release(QMouseEvent(QMouseEvent.Type.MouseButtonRelease, end, end, left,
                           Qt.MouseButton.NoButton, none))
    viewer.panels.choose_tool("")


def fill_ct_chest_report(viewer) -> None:
    """Type into the CT chest template as a reader would: normals, then the nodule."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

    editor = viewer.report_panel.editor
    editor.template_box.setCurrentIndex(editor.template_box.findData("ct_chest"))
    editor.apply_normals()
    values = {
        "technique": "Contrast-enhanced axial CT of the chest, 1.25 mm.",
        "comparison_date": "2024-05-06",
        "comparison": "Low-dose CT chest; the nodule measured 7 mm then.",
        "lungs": "Solid nodule in the right lower lobe, grown since the prior study.",
        "nodules": "present",
        "embolism": "absent",
        "impression": "Growing solid pulmonary nodule in the right lower lobe. "
                      "Tissue sampling or PET-CT advised.",
    }
    for field_id, value in values.items():
        widget = editor.inputs[field_id].widget
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QLineEdit):
            widget.setText(value)
    editor.attach_button.click()  # the length drawn on the nodule fills "Largest nodule"


def sign_in(c, user) -> None:
    dialog = c.login_dialog
    dialog.username.setText(user.username)
    dialog.password.setText(user.password)
    c.sign_in(user.username, user.password, user.totp().now())
    wait_until(lambda: c.worklist_window is not None and c.worklist_window.is_loaded,
               what="worklist")
    settle(1.0)


def open_and_hang(c, key: str, viewports: int):
    from workstation.demohub.datagen import study

    worklist = c.worklist_window
    uid = study(key).study_uid
    viewer = c.open_study(worklist.model.item(worklist.model.row_of(uid)))
    place(viewer, *WINDOW)
    wait_until(lambda: viewer.is_series_ready, 300, f"{key} series")
    wait_until(lambda: len(viewer.hanging._hung) >= viewports, 300, f"{key} hanging")
    settle(1.5)
    return viewer


def run(out: Path, language: str) -> int:
    from PySide6.QtWidgets import QSplitter

    from workstation.demohub.accounts import DEMO_READER
    from workstation.demohub.datagen import ensure_demo_data, nodule
    from workstation.demohub.server import start_in_thread
    from workstation.ui import i18n
    from workstation.ui.app import build_main
    from workstation.ui.application import create_application

    manifest = ensure_demo_data(ROOT / ".cache" / "demo-data")
    with tempfile.TemporaryDirectory() as tmp:
        create_application()
        i18n.set_preference(language)
        hub = start_in_thread(Path(tmp) / "hub", manifest=manifest)
        c = build_main(hub.base_url, demo_user=DEMO_READER, cache_base=Path(tmp) / "cache",
                       running_hub=hub)
        try:
            if language != "en":
                sign_in(c, DEMO_READER)
                place(c.worklist_window, *WORKLIST)
                grab(c.worklist_window, out / f"worklist-{language}.png")
                return 0

            dialog = c.login_dialog
            dialog.move(400, 200)
            dialog.username.setText(DEMO_READER.username)
            dialog.password.setText(DEMO_READER.password)
            grab(dialog, out / "login.png")

            sign_in(c, DEMO_READER)
            worklist = c.worklist_window
            place(worklist, *WORKLIST)
            grab(worklist, out / "worklist.png")

            # Mammography: four views, current over prior (study-05 and its prior).
            viewer = open_and_hang(c, "study-05", 4)
            grab(viewer, out / "mammography.png")

            # CT chest with its prior, 2x2, magnified on the nodule; a length across it
            # and the CT chest template filled in beside the images.
            viewer = open_and_hang(c, "study-01", 4)
            centre, radius = nodule("study-01")
            # Priors first: scrolling one viewport moves its synchronised partners.
            for cell in reversed(viewer.grid.cells):
                stack = cell.viewport.stack
                if stack is not None:
                    view = cell.viewport.slice_view
                    k = nearest_slice(stack, centre)
                    view.set_slice(k)
                    settle(0.3)
                    row, col = pixel_of(stack, k, centre)
                    pan = ((col - stack.columns / 2) * stack.pixel_spacing[1] * PAN_SIGN[0],
                           (row - stack.rows / 2) * stack.pixel_spacing[0] * PAN_SIGN[1])
                    view.set_zoom_pan(ZOOM, pan)
            settle(0.5)
            stack = viewer.viewport.stack
            k = viewer.viewport.slice_view.slice_index
            row, col = pixel_of(stack, k, centre)
            half = radius / stack.pixel_spacing[1]
            drag_length(viewer, (row, col - half), (row, col + half))
            viewer.panels.measure_dock.hide()
            fill_ct_chest_report(viewer)
            settle(1.0)
            grab(viewer, out / "viewer-ct.png")

            # The report panel wider and taller, the template scrolled to its findings.
            place(viewer, WINDOW[0], 1000)
            splitter = viewer.splitter
            sizes = splitter.sizes()
            splitter.setSizes([sizes[0], sum(sizes) - sizes[0] - 520, 520])
            inner = viewer.report_panel.findChild(QSplitter)
            if inner is not None:  # more of the template, less of the generated text
                inner.setSizes([560, 300])
            settle(1.0)
            editor = viewer.report_panel.editor
            lungs = editor.inputs["lungs"].widget
            editor.scroll.verticalScrollBar().setValue(max(0, lungs.y() - 40))
            grab(viewer, out / "report.png", rect=global_rect(viewer.report_panel))
            place(viewer, *WINDOW)
            splitter.setSizes(sizes)

            # MPR and 3D of the current series, the crosshair on the nodule.
            if not viewer.mpr.enter():
                raise RuntimeError("MPR did not open: " + viewer.status.text())
            viewer.mpr.view.move_point(centre)
            settle(4.0)
            grab(viewer, out / "mpr.png")
            viewer.mpr.exit()

            # Settings, from the worklist.
            from workstation.ui.settings_dialog import SettingsDialog

            place(worklist, *WORKLIST)
            settings = SettingsDialog(worklist)
            settings.show()
            settings.move(120, 80)
            settings.show_page(settings.presets)
            grab(settings, out / "settings.png")
            settings.reject()

            # The lock screen (Ctrl+Alt+L, or after the idle time).
            from workstation.ui.idle_lock import lock_now

            place(viewer, *WINDOW)
            lock_now()
            settle(1.0)
            grab(c.security.lock.screen, out / "lock.png")
        finally:
            c.shutdown()
    return 0


def main(argv: list[str]) -> int:
    language = "en"
    if LANGUAGE_ARG in argv:
        language = argv[argv.index(LANGUAGE_ARG) + 1]
        argv = [a for a in argv if a not in (LANGUAGE_ARG, language)]
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        isolate(Path(home))
        code = run(out, language)
    if language == "en" and code == 0:  # the Turkish worklist, in a fresh process
        code = subprocess.call([sys.executable, __file__, str(out), LANGUAGE_ARG, "tr"])
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
