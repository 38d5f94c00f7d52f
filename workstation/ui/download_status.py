"""The study's download in the viewer's status bar: how many of its images are here.

The thumbnail strip shows each series; this bar shows the whole study, so the reader
knows when every series (and so every comparison) will open without waiting.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar, QWidget

from workstation.ui.study_loader import StudyLoader


class StudyProgress(QProgressBar):
    """``Study: done / total``; hidden until a download starts and once it is complete."""

    def __init__(self, loader: StudyLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("study_progress")
        self.setFixedWidth(240)
        self.setFormat(QCoreApplication.translate("StudyProgress", "Study: %v / %m images"))
        self.hide()
        loader.study_progress.connect(self.update_counts)

    def update_counts(self, done: int, total: int) -> None:
        self.setRange(0, max(total, 1))
        self.setValue(min(done, max(total, 1)))
        self.setVisible(0 < total and done < total)
