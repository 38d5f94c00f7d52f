"""One input widget per typed template field (text, choice, multi-choice, number with unit,
date, measurement reference), each with the same small interface: ``value()``,
``set_value()`` and a ``changed`` signal.

Every widget takes keyboard focus in template order, so a report can be filled with Tab,
arrow keys and Space alone; a text field hands Tab on instead of inserting a tab
character. Values use the representation of ``StructuredReport`` (option codes, ISO 8601
dates, floats, measurement indexes), never display text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from workstation.core.report_content import format_measurement
from workstation.core.report_template import Field


class FieldInput(QObject):
    """Glue between one template field and its widget."""

    changed = Signal()

    def __init__(self, field: Field, widget: QWidget, get: Callable[[], Any],
                 put: Callable[[Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.widget = widget
        self.focus_widget: QWidget = widget
        self._get = get
        self._put = put
        self._quiet = False

    def value(self) -> Any:
        return self._get()

    def set_value(self, value: Any) -> None:
        self._quiet = True
        try:
            self._put(value)
        finally:
            self._quiet = False

    def emit_changed(self, *_args: Any) -> None:
        if not self._quiet:
            self.changed.emit()


class ReportText(QPlainTextEdit):
    """Multi-line text whose Tab moves on (the form is keyboard driven)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(44)
        self.setMaximumHeight(90)


def make_input(field: Field, language: str, measurements: Callable[[], list[dict[str, Any]]],
               parent: QWidget | None = None) -> FieldInput:
    """The widget for ``field``; ``measurements`` returns the report's current list (for
    measurement references)."""
    builder = {
        "text": _text, "choice": _choice, "multi_choice": _multi, "number": _number,
        "date": _date, "measurement": _measurement,
    }[field.type]
    made = builder(field, language, measurements, parent)
    made.widget.setObjectName(f"field_{field.id}")
    made.widget.setAccessibleName(field.label.text(language))
    return made


def _text(field: Field, _lang: str, _m: Any, parent: QWidget | None) -> FieldInput:
    edit = ReportText(parent)
    made = FieldInput(field, edit, lambda: edit.toPlainText().strip(),
                      lambda v: edit.setPlainText("" if v is None else str(v)), edit)
    edit.textChanged.connect(made.emit_changed)
    return made


def _narrow(box: QComboBox) -> QComboBox:
    """A combo box that fits the narrow side panel: long option labels (BI-RADS texts)
    show in the open list instead of widening the whole form beyond the panel."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


def _choice(field: Field, lang: str, _m: Any, parent: QWidget | None) -> FieldInput:
    box = _narrow(QComboBox(parent))
    box.addItem("—", "")
    for option in field.options:
        box.addItem(option.label.text(lang), option.code)

    def put(value: Any) -> None:
        index = box.findData(value) if value is not None else 0
        box.setCurrentIndex(max(0, index))

    made = FieldInput(field, box, lambda: box.currentData() or None, put, box)
    box.currentIndexChanged.connect(made.emit_changed)
    return made


def _multi(field: Field, lang: str, _m: Any, parent: QWidget | None) -> FieldInput:
    holder = QWidget(parent)
    grid = QGridLayout(holder)  # two per row: one row of options overflowed the side panel
    grid.setContentsMargins(0, 0, 0, 0)
    boxes: list[tuple[str, QCheckBox]] = []
    for n, option in enumerate(field.options):
        check = QCheckBox(option.label.text(lang), holder)
        check.setObjectName(f"option_{field.id}_{option.code}")
        grid.addWidget(check, n // 2, n % 2)
        boxes.append((option.code, check))
    grid.setColumnStretch(2, 1)

    def put(value: Any) -> None:
        chosen = set(value or [])
        for code, check in boxes:
            check.setChecked(code in chosen)

    made = FieldInput(field, holder, lambda: [c for c, b in boxes if b.isChecked()], put, holder)
    if boxes:
        made.focus_widget = boxes[0][1]
    for _, check in boxes:
        check.toggled.connect(made.emit_changed)
    return made


def _number(field: Field, _lang: str, _m: Any, parent: QWidget | None) -> FieldInput:
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    edit = QLineEdit(holder)
    edit.setObjectName(f"number_{field.id}")
    low = field.minimum if field.minimum is not None else -1e9
    high = field.maximum if field.maximum is not None else 1e9
    edit.setValidator(QDoubleValidator(low, high, 3, edit))
    row.addWidget(edit, 1)
    row.addWidget(QLabel(field.unit, holder))

    def get() -> Any:
        text = edit.text().strip().replace(",", ".")
        try:
            return float(text) if text else None
        except ValueError:
            return None

    def put(value: Any) -> None:
        edit.setText("" if value is None else f"{float(value):g}")

    made = FieldInput(field, holder, get, put, holder)
    made.focus_widget = edit
    edit.textChanged.connect(made.emit_changed)
    return made


def _date(field: Field, _lang: str, _m: Any, parent: QWidget | None) -> FieldInput:
    edit = QLineEdit(parent)
    edit.setPlaceholderText("YYYY-MM-DD")
    edit.setInputMask("0000-00-00;_")

    def get() -> Any:
        text = edit.text().strip()
        if text.replace("-", "").strip("_") == "":
            return None
        day = QDate.fromString(text, "yyyy-MM-dd")
        return day.toString("yyyy-MM-dd") if day.isValid() else text

    made = FieldInput(field, edit, get, lambda v: edit.setText(str(v or "")), edit)
    edit.textChanged.connect(made.emit_changed)
    return made


def _measurement(field: Field, lang: str, measurements: Callable[[], list[dict[str, Any]]],
                 parent: QWidget | None) -> FieldInput:
    box = _narrow(QComboBox(parent))

    def refill() -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("—", "")
        for i, m in enumerate(measurements()):
            if m.get("kind") != "key_image":
                box.addItem(format_measurement(m, lang), i)
        box.setCurrentIndex(max(0, box.findData(current)) if current not in (None, "") else 0)
        box.blockSignals(False)

    def put(value: Any) -> None:
        refill()
        box.setCurrentIndex(max(0, box.findData(value)) if value is not None else 0)

    made = FieldInput(field, box, lambda: _index(box.currentData()), put, box)
    refill()
    box.currentIndexChanged.connect(made.emit_changed)
    return made


def _index(data: Any) -> int | None:
    return data if isinstance(data, int) else None
