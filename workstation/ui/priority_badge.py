"""Item delegate that draws the worklist priority as a coloured badge.

A filled red "STAT" pill is recognisable from across the room and survives a colour-blind
reader better than coloured text alone, because the filled shape differs from plain rows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workstation.core.study import Priority
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
        # Background and selection as usual, then the pill instead of the text.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = opt.font
        font.setBold(True)
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
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(QColor("#111111") if priority is Priority.URGENT else QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def _priority(value: object) -> Priority | None:
    """The priority of a cell; Qt hands string enums back as plain ``str``."""
    try:
        return Priority(str(value)) if value is not None else None
    except ValueError:
        return None
