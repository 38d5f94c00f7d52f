"""Key images: the slices the reader marks as the ones that carry the finding.

Each mark is (series UID, SOP instance UID, index in the stack); the list panel shows them
by series number and image number, and a double-click brings the image back into the
active viewport. Marking is a toggle: the same key unmarks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from workstation.core.stack import ImageStack

KeyRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class KeyImage:
    series_uid: str
    sop_uid: str
    index: int
    series_number: int | None = None
    instance_number: int | None = None


def key_image_of(stack: ImageStack, index: int) -> KeyImage:
    """The key image record of slice ``index`` of ``stack``."""
    sops = stack.sop_instance_uids
    numbers = stack.instance_numbers
    return KeyImage(
        stack.header.series_uid,
        sops[index] if index < len(sops) else "",
        index,
        stack.header.series_number,
        numbers[index] if index < len(numbers) else None,
    )


class KeyImageList(QListWidget):
    """The marked images; ``chosen(KeyImage)`` on double-click or Enter."""

    chosen = Signal(object)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key_images")
        self.marks: list[KeyImage] = []
        self.itemActivated.connect(self._activated)

    def toggle(self, mark: KeyImage) -> bool:
        """Mark, or unmark when already marked; True when the image is now marked."""
        same = [m for m in self.marks if (m.series_uid, m.index) == (mark.series_uid, mark.index)]
        if same:
            self.marks = [m for m in self.marks if m not in same]
            marked = False
        else:
            self.marks.append(mark)
            marked = True
        self._refill()
        self.changed.emit()
        return marked

    def is_marked(self, series_uid: str, index: int) -> bool:
        return any((m.series_uid, m.index) == (series_uid, index) for m in self.marks)

    def as_tuples(self) -> list[tuple[str, str, int]]:
        return [(m.series_uid, m.sop_uid, m.index) for m in self.marks]

    def label_of(self, mark: KeyImage) -> str:
        series = str(mark.series_number) if mark.series_number is not None else "–"
        image = mark.instance_number if mark.instance_number is not None else mark.index + 1
        return self.tr("Series %1, image %2").replace("%1", series).replace("%2", str(image))

    def _refill(self) -> None:
        self.clear()
        for mark in self.marks:
            item = QListWidgetItem(self.label_of(mark))
            item.setData(KeyRole, mark)
            self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        mark = item.data(KeyRole)
        if mark is not None:
            self.chosen.emit(mark)
