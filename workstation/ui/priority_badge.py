"""Item delegate that draws the worklist priority as a coloured badge.

A filled red "STAT" pill is recognisable from across the room and survives a colour-blind
reader better than coloured text alone, because the filled shape differs from plain rows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from workstation.core.study import Priority
from workstation.ui.pill import bold_font, draw_pill, paint_cell_background
from workstation.ui.worklist_model import ItemRole, PriorityRole, priority_colour


class PriorityBadgeDelegate(QStyledItemDelegate):
    """STAT and URGENT drawn as filled pills; ROUTINE as plain dim text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        priority = _priority(index.data(PriorityRole))
        colour = priority_colour(priority) if priority is not None else None
        if colour is None:
            super().paint(painter, option, index)
            return
        opt = paint_cell_background(self, painter, option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = opt.fontMetrics
        width = metrics.horizontalAdvance(text) + 14
        height = metrics.height() + 4
        rect = QRectF(
            opt.rect.left() + 6,
            opt.rect.center().y() - height / 2 + 1,
            min(width, opt.rect.width() - 8),
            height,
        )
        item = index.data(ItemRole)
        if item is not None and item.status.is_reported:
            # Already reported: keep the priority legible but stop it calling for attention.
            colour.setAlphaF(0.4)
        text_colour = QColor("#111111") if priority is Priority.URGENT else QColor("#ffffff")
        draw_pill(painter, rect, fill=colour, text=text, text_colour=text_colour,
                  font=bold_font(opt))


def _priority(value: object) -> Priority | None:
    """The priority of a cell; Qt hands string enums back as plain ``str``."""
    try:
        return Priority(str(value)) if value is not None else None
    except ValueError:
        return None
