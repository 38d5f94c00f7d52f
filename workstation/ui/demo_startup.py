"""`workstation --demo`: start the demo hub inside the process, then the application on it.

The first start generates the demo studies, which can take a minute; a small window shows
what is happening instead of an application that seems not to start at all. The hub is
started on a daemon thread (not a pool thread) so that closing the window during the
generation quits at once instead of waiting for it to finish.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from workstation.ui import theme
from workstation.ui.app import AppController, build_main
from workstation.ui.application import create_application, quit_on_sigint

log = logging.getLogger(__name__)


class _StartSignals(QObject):
    progress = Signal(str, float)
    ready = Signal(object)
    failed = Signal(object)


class DemoStartupDialog(QDialog):
    """Progress of demo data generation and hub start-up; ``ready(RunningHub)`` at the end."""

    ready = Signal(object)
    failed = Signal(object)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_startup")
        self.setWindowTitle(self.tr("Starting the demo hub — Workstation"))
        self.setMinimumWidth(460)
        self._data_dir = data_dir
        self._thread: threading.Thread | None = None
        title = QLabel(self.tr("Preparing the demo hub"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        note = QLabel(self.tr("The first start generates the demo studies and can take a minute."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {theme.DIM_TEXT};")
        self.step = QLabel(self.tr("Starting…"))
        self.step.setObjectName("demo_step")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        self._signals = _StartSignals(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.progress.connect(self._on_progress, queued)
        self._signals.ready.connect(self.ready, queued)
        self._signals.failed.connect(self.failed, queued)

    def start(self, starter: Callable[..., Any] | None = None) -> None:
        """Run ``starter(data_dir, progress=...)`` (default: the demo hub's
        ``start_in_thread``) on a daemon thread."""
        if starter is None:
            from workstation.demohub.server import start_in_thread

            starter = start_in_thread
        signals, data_dir = self._signals, self._data_dir

        def run() -> None:
            try:
                hub = starter(data_dir, progress=signals.progress.emit)
            except BaseException as exc:  # noqa: BLE001 - reported in the window
                signals.failed.emit(exc)
            else:
                signals.ready.emit(hub)

        self._thread = threading.Thread(target=run, name="demohub-start", daemon=True)
        self._thread.start()

    @property
    def is_running(self) -> bool:
        """True while the data generation or hub start is still in progress."""
        return self._thread is not None and self._thread.is_alive()

    def _on_progress(self, message: str, fraction: float) -> None:
        self.step.setText(message)
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))


def run_demo(data_dir: Path, on_ready: Callable[[Any], None] | None = None) -> int:
    """Start the demo hub with a progress window, then the workstation signed to it.

    ``on_ready(running_hub)`` runs once the hub accepts connections (the command line
    prints the demo credentials there).
    """
    from workstation.demohub.accounts import DEMO_READER

    app = create_application()
    quit_on_sigint(app)
    dialog = DemoStartupDialog(data_dir)
    state: dict[str, Any] = {}

    def ready(hub: Any) -> None:
        state["hub"] = hub
        if on_ready is not None:
            on_ready(hub)
        state["controller"] = build_main(hub.base_url, demo_user=DEMO_READER, running_hub=hub)
        dialog.accept()

    def failed(exc: BaseException) -> None:
        log.error("demo hub failed to start: %s", type(exc).__name__)
        QMessageBox.critical(
            dialog,
            QCoreApplication.translate("DemoStartupDialog", "Demo hub"),
            QCoreApplication.translate(
                "DemoStartupDialog", "The demo hub could not be started: %1"
            ).replace("%1", str(exc)),
        )
        state["failed"] = True
        app.exit(1)

    dialog.ready.connect(ready)
    dialog.failed.connect(failed)
    dialog.show()
    dialog.start()
    code = app.exec()
    controller: AppController | None = state.get("controller")
    if controller is not None:
        controller.shutdown()
    elif "hub" in state:
        state["hub"].stop()
    code = 1 if state.get("failed") else code
    if dialog.is_running:
        _exit_during_generation(code)
    return code


def _exit_during_generation(code: int) -> None:
    """The window was closed while demo data was being generated.

    The generator cannot be interrupted, and interpreter shutdown with its thread and
    worker processes still running can crash. Its output is only marked complete at the
    very end, so the next start regenerates a partial set: ending the process at once
    loses nothing.
    """
    log.info("closing while the demo data was being generated")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
