"""The worklist filter bar: status, modality, hospital, priority, study date and free text.

Filtering happens on the hub (the client's ``worklist`` parameters), not in the table: the
hub pages its answer, so a local filter would only ever search the first page, and the
hub's audit trail records what the reader asked to see. Free text waits for a short pause in
typing before it asks the hub, so a name typed letter by letter costs one request, not ten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from workstation.core.study import Priority, StudyStatus

TEXT_DEBOUNCE_MS = 400
MODALITIES = ("CT", "MR", "CR", "DX", "US", "MG", "NM", "PT", "XA", "RF")
_ENUM_FIELDS = ("status", "modality", "tenant", "priority")


@dataclass(frozen=True, slots=True)
class WorklistFilter:
    """One set of worklist filters; empty tuples and ``None`` mean "any"."""

    status: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    tenant: tuple[str, ...] = ()
    priority: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == WorklistFilter()

    def params(self) -> dict[str, Any]:
        """Keyword arguments of ``HubClient.worklist`` (one value, or a list of values)."""
        out: dict[str, Any] = {}
        for name in _ENUM_FIELDS:
            values: tuple[str, ...] = getattr(self, name)
            if values:
                out[name] = values[0] if len(values) == 1 else list(values)
        if self.date_from is not None:
            out["date_from"] = self.date_from
        if self.date_to is not None:
            out["date_to"] = self.date_to
        if self.text.strip():
            out["q"] = self.text.strip()
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for saved filters."""
        data: dict[str, Any] = {name: list(getattr(self, name)) for name in _ENUM_FIELDS}
        data["date_from"] = self.date_from.isoformat() if self.date_from else None
        data["date_to"] = self.date_to.isoformat() if self.date_to else None
        data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WorklistFilter:
        """Tolerant of missing or malformed entries: a damaged setting yields "any"."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = data.get(f.name)
            if f.name in _ENUM_FIELDS and isinstance(raw, list | tuple):
                values[f.name] = tuple(str(v) for v in raw if v)
            elif f.name in ("date_from", "date_to") and isinstance(raw, str):
                try:
                    values[f.name] = date.fromisoformat(raw)
                except ValueError:
                    continue
            elif f.name == "text" and isinstance(raw, str):
                values[f.name] = raw
        return cls(**values)


def _key(values: Iterable[str]) -> str:
    return ",".join(values)


def _values(key: object) -> tuple[str, ...]:
    return tuple(v for v in str(key or "").split(",") if v)


class OptionalDateEdit(QDateEdit):
    """A date field that can also mean "any date" (shown as the special value text).

    Delete or Backspace clears it; the calendar opens on today rather than on the
    sentinel minimum date that stands for "any".
    """

    _SENTINEL = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        self.setMinimumDate(self._SENTINEL)
        self.setSpecialValueText(self.tr("any"))
        self.setDate(self._SENTINEL)
        self.setToolTip(self.tr("Study date; Delete clears it"))
        self.calendarWidget().installEventFilter(self)

    def value(self) -> date | None:
        current = self.date()
        return None if current == self._SENTINEL else current.toPython()

    def set_value(self, value: date | None) -> None:
        self.setDate(self._SENTINEL if value is None else QDate(value))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


class FilterBar(QFrame):
    """The row of filter controls above the worklist.

    ``changed(WorklistFilter)`` fires once per effective change: at once for the lists and
    dates, after :data:`TEXT_DEBOUNCE_MS` of quiet (or Enter) for the text.
    """

    changed = Signal(object)

    def __init__(self, tenants: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_bar")
        self._last = WorklistFilter()
        self._quiet = False

        self.text = QLineEdit()
        self.text.setObjectName("filter_text")
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(self.tr("Patient name, ID or accession…"))
        self.text.setMinimumWidth(220)
        self.text.setMaximumWidth(320)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TEXT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.text.textChanged.connect(self._on_text)
        self.text.returnPressed.connect(self._emit_now)

        self.status = self._combo("filter_status", self.tr("Status"), self._status_choices())
        self.modality = self._combo(
            "filter_modality",
            self.tr("Modality"),
            [(self.tr("All modalities"), "")] + [(m, m) for m in MODALITIES],
        )
        self.hospital = self._combo("filter_hospital", self.tr("Hospital"), [])
        self.priority = self._combo(
            "filter_priority", self.tr("Priority"), self._priority_choices()
        )
        self.date_from = OptionalDateEdit()
        self.date_from.setObjectName("filter_date_from")
        self.date_to = OptionalDateEdit()
        self.date_to.setObjectName("filter_date_to")
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._on_date)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("filter_clear")
        self.clear_button.setToolTip(self.tr("Show the whole worklist again"))
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.text)
        for combo in (self.status, self.modality, self.hospital, self.priority):
            layout.addWidget(combo)
        layout.addSpacing(6)
        layout.addWidget(QLabel(self.tr("Study date")))
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.date_to)
        layout.addWidget(self.clear_button)
        self.set_tenants(tenants)

    # -- public --------------------------------------------------------------------------

    def current(self) -> WorklistFilter:
        return WorklistFilter(
            status=_values(self.status.currentData()),
            modality=_values(self.modality.currentData()),
            tenant=_values(self.hospital.currentData()),
            priority=_values(self.priority.currentData()),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            text=self.text.text().strip(),
        )

    def set_filter(self, wanted: WorklistFilter) -> None:
        """Show ``wanted`` in the controls and apply it (one ``changed`` at most)."""
        self._quiet = True
        try:
            self.text.setText(wanted.text)
            for combo, values in (
                (self.status, wanted.status),
                (self.modality, wanted.modality),
                (self.hospital, wanted.tenant),
                (self.priority, wanted.priority),
            ):
                _select(combo, values)
            self.date_from.set_value(wanted.date_from)
            self.date_to.set_value(wanted.date_to)
        finally:
            self._quiet = False
        self._emit_now()

    def clear(self) -> None:
        self.set_filter(WorklistFilter())

    def set_tenants(self, tenants: Sequence[str], names: Mapping[str, str] | None = None) -> None:
        """The hospitals the reader works for; with one hospital there is nothing to pick."""
        names = names or {}
        keep = self.hospital.currentData()
        self.hospital.blockSignals(True)
        self.hospital.clear()
        self.hospital.addItem(self.tr("All hospitals"), "")
        for tenant in tenants:
            self.hospital.addItem(names.get(tenant, tenant), tenant)
        index = self.hospital.findData(keep)
        self.hospital.setCurrentIndex(max(index, 0))
        self.hospital.blockSignals(False)
        self.hospital.setEnabled(len(tenants) > 1)

    def note_items(self, hospitals: Mapping[str, str], modalities: Iterable[str]) -> None:
        """Learn hospital names and extra modality codes from a loaded worklist."""
        for row in range(1, self.hospital.count()):
            tenant = str(self.hospital.itemData(row))
            if tenant in hospitals and hospitals[tenant]:
                self.hospital.setItemText(row, hospitals[tenant])
        for code in sorted(set(modalities)):
            if code and self.modality.findData(code) < 0:
                self.modality.addItem(code, code)

    # -- internals -----------------------------------------------------------------------

    def _combo(self, name: str, tooltip: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setToolTip(tooltip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for label, key in choices:
            combo.addItem(label, key)
        combo.currentIndexChanged.connect(lambda _i: self._emit_now())
        return combo

    def _status_choices(self) -> list[tuple[str, str]]:
        s = StudyStatus
        return [
            (self.tr("All statuses"), ""),
            (self.tr("To be read"), _key((s.UNREAD, s.IN_PROGRESS))),
            (self.tr("Unread"), s.UNREAD.value),
            (self.tr("In progress"), s.IN_PROGRESS.value),
            (self.tr("Reported"), _key((s.PRELIMINARY, s.FINAL))),
            (self.tr("Preliminary"), s.PRELIMINARY.value),
            (self.tr("Final"), s.FINAL.value),
        ]

    def _priority_choices(self) -> list[tuple[str, str]]:
        p = Priority
        return [
            (self.tr("All priorities"), ""),
            (self.tr("STAT"), p.STAT.value),
            (self.tr("STAT and urgent"), _key((p.STAT, p.URGENT))),
            (self.tr("Urgent"), p.URGENT.value),
            (self.tr("Routine"), p.ROUTINE.value),
        ]

    def _on_text(self, _text: str) -> None:
        if not self._quiet:
            self._debounce.start()

    def _on_date(self, _date: QDate) -> None:
        start, end = self.date_from.value(), self.date_to.value()
        if start is not None and end is not None and end < start and not self._quiet:
            # A reversed range would show nothing; make it the single day just picked.
            other = self.date_to if self.sender() is self.date_from else self.date_from
            other.set_value(self.date_from.value() if other is self.date_to else end)
            return
        self._emit_now()

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        if self._quiet:
            return
        current = self.current()
        if current != self._last:
            self._last = current
            self.changed.emit(current)


def _select(combo: QComboBox, values: tuple[str, ...]) -> None:
    """Select the entry for ``values``, adding one when a saved filter names a new value."""
    key = _key(values)
    index = combo.findData(key)
    if index < 0:
        combo.addItem(" + ".join(values), key)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
