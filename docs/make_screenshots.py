"""Regenerate the README screenshots from the real application on the demo hub.

Run under an X server (for example ``xvfb-run -s "-screen 0 1600x1000x24"``)::

    .venv/bin/python docs/make_screenshots.py docs/screenshots

It signs in as the demo reader, grabs the worklist, opens the STAT CT and grabs the
viewer. Screen grabs use ``QScreen.grabWindow(0)``: ``QWidget.grab()`` shows VTK views black.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QApplication

from workstation.demohub.accounts import DEMO_READER
from workstation.demohub.datagen import ensure_demo_data, nodule, study
from workstation.demohub.server import start_in_thread
from workstation.ui.app import build_main

ROOT = Path(__file__).resolve().parents[1]


def wait_until(predicate, seconds: float = 120.0) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the application did not get there in time")
        QApplication.processEvents()
        time.sleep(0.02)


def settle(seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def grab(window, path: Path) -> None:
    settle()
    geo = window.frameGeometry()
    QApplication.primaryScreen().grabWindow(0, geo.x(), geo.y(), geo.width(),
                                            geo.height()).save(str(path))
    print("wrote", path)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    manifest = ensure_demo_data(ROOT / ".cache" / "demo-data")
    with tempfile.TemporaryDirectory() as tmp:
        hub = start_in_thread(Path(tmp) / "hub", manifest=manifest)
        c = build_main(hub.base_url, demo_user=DEMO_READER, cache_base=Path(tmp) / "cache",
                       running_hub=hub)
        dialog = c.login_dialog
        dialog.username.setText(DEMO_READER.username)
        dialog.password.setText(DEMO_READER.password)
        grab(dialog, out / "login.png")
        c.sign_in(DEMO_READER.username, DEMO_READER.password, DEMO_READER.totp().now())
        wait_until(lambda: c.worklist_window is not None and c.worklist_window.is_loaded)
        worklist = c.worklist_window
        worklist.resize(1500, 560)
        grab(worklist, out / "worklist.png")
        chest = study("study-01").study_uid  # the STAT chest CT with the nodule
        ct = worklist.model.item(worklist.model.row_of(chest))
        viewer = c.open_study(ct)
        viewer.resize(1560, 960)
        wait_until(lambda: viewer.is_series_ready, 300)
        view = viewer.viewport.slice_view
        stack = view.stack
        centre, _radius = nodule("study-01")
        depth = stack.positions @ stack.normal
        view.set_slice(int(abs(depth - float(np.dot(centre, stack.normal))).argmin()))
        viewer.report_panel.findings.setPlainText(
            "Solid nodule in the right lower lobe, 12 mm, new since the prior study.")
        viewer.report_panel.impression.setPlainText("Pulmonary nodule. Follow-up CT advised.")
        grab(viewer, out / "viewer.png")
        from workstation.core.window import CT_PRESETS

        view.set_window(dict(CT_PRESETS)["Lung"])
        grab(viewer, out / "viewer-lung.png")
        c.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
