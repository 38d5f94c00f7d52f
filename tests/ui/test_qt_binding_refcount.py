"""The Qt bindings must not leak references to None.

A reading session makes millions of calls into Qt. A binding build that drops a
reference to ``None`` per void call (PySide6 6.12.0 on CPython 3.11) aborts the
interpreter mid-session with "none_dealloc"; pyproject.toml excludes it. This test
fails if such a build is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_refcount(qapp) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        QCoreApplication.translate("Viewer", "Zoom")
    after = sys.getrefcount(None)
    # Other threads may hold or release a few references meanwhile; a leak is ≥2000.
    assert abs(after - before) < 200
