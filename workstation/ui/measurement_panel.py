"""The measurements of the series in the active viewport, as a list beside the images.

Each row gives the kind, the image it is on and its value (with the spacing it rests on,
as the view labels it). Double-click shows that image; Delete removes the selected row.
In the MPR layout the rows are the lengths drawn there, kept in patient coordinates
(:class:`workstation.core.mpr_geometry.LpsLength`), named by the plane they were drawn on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from workstation.core.measurements import Measurement
from workstation.core.mpr_geometry import LpsLength
from workstation.core.stack import ImageStack
from workstation.render.measure_layer import label_text

MeasureRole = Qt.ItemDataRole.UserRole + 1

_KIND_NAMES = {
    "length": "Length",
    "angle": "Angle",
    "cobb": "Cobb angle",
    "ellipse": "Ellipse",
    "rectangle": "Rectangle",
    "freehand": "Freehand",
}


_PLANE_NAMES = {"axial": "Axial", "sagittal": "Sagittal", "coronal": "Coronal"}


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("MeasurementPanel", _KIND_NAMES.get(kind, kind))


class MeasurementPanel(QListWidget):
    """``chosen(Measurement)`` on double-click or Enter; ``delete_requested(Measurement)``."""

    chosen = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("measurement_list")
        self.setWordWrap(True)
        self.itemActivated.connect(lambda item: self.chosen.emit(item.data(MeasureRole)))

    def show_measurements(self, items: list[Measurement], stack: ImageStack | None,
                          value: Callable[[Measurement, ImageStack], str] = label_text) -> None:
        self.clear()
        for m in items:
            text = (
                self.tr("%1, image %2: %3")
                .replace("%1", kind_name(m.kind))
                .replace("%2", str(m.slice_index + 1))
                .replace("%3", " · ".join((value(m, stack) if stack else "").splitlines()))
            )
            item = QListWidgetItem(text)
            item.setData(MeasureRole, m)
            self.addItem(item)

    def show_lengths(self, items: list[LpsLength]) -> None:
        """The lengths of the MPR layout: plane drawn on and value in mm."""
        self.clear()
        for length in items:
            plane = QCoreApplication.translate("MprView", _PLANE_NAMES.get(length.plane,
                                                                           length.plane))
            text = (
                self.tr("%1, %2 (MPR): %3")
                .replace("%1", kind_name("length"))
                .replace("%2", plane)
                .replace("%3", length.label())
            )
            item = QListWidgetItem(text)
            item.setData(MeasureRole, length)
            self.addItem(item)

    def selected(self) -> Measurement | LpsLength | None:
        item = self.currentItem()
        return item.data(MeasureRole) if item is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected():
            self.delete_requested.emit(self.selected())
            return
        super().keyPressEvent(event)
