"""Named worklist filters a reader keeps ("My CT and MR, STAT first", "Night shift ER").

They are stored per reader in ``QSettings`` (one JSON document under a key derived from
the user name), because the same workstation is shared by the readers of a reading room
and each of them works from their own set of lists.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import quote

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QToolButton,
    QWidget,
)

from workstation.ui.worklist_filters import WorklistFilter

log = logging.getLogger(__name__)

_KEY = "worklist/saved_filters/{user}"


class SavedFilterStore:
    """Saved filters of one reader, by name, kept in ``QSettings``."""

    def __init__(self, username: str) -> None:
        # Quoted: a "/" in a user name would otherwise open a settings sub-group.
        self._key = _KEY.format(user=quote(username, safe=""))

    def names(self) -> list[str]:
        return sorted(self._load(), key=str.casefold)

    def get(self, name: str) -> WorklistFilter | None:
        data = self._load().get(name)
        return WorklistFilter.from_dict(data) if isinstance(data, dict) else None

    def save(self, name: str, wanted: WorklistFilter) -> None:
        """Save (or overwrite) ``name``."""
        name = name.strip()
        if not name:
            raise ValueError("a saved filter needs a name")
        data = self._load()
        data[name] = wanted.to_dict()
        self._store(data)

    def delete(self, name: str) -> bool:
        data = self._load()
        if data.pop(name, None) is None:
            return False
        self._store(data)
        return True

    def _load(self) -> dict[str, dict[str, object]]:
        raw = QSettings().value(self._key, "")
        if not raw:
            return {}
        try:
            data = json.loads(str(raw))
        except ValueError:
            log.warning("saved worklist filters are unreadable; starting afresh")
            return {}
        return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}

    def _store(self, data: dict[str, dict[str, object]]) -> None:
        settings = QSettings()
        settings.setValue(self._key, json.dumps(data, sort_keys=True))
        settings.sync()


class SavedFiltersWidget(QWidget):
    """A combo of saved filters with Save… and Delete beside it.

    Picking a name emits ``chosen(WorklistFilter)``; :meth:`sync` shows which saved
    filter (if any) matches what the filter bar currently shows.
    """

    chosen = Signal(object)

    def __init__(self, store: SavedFilterStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._current = WorklistFilter()
        self.combo = QComboBox()
        self.combo.setObjectName("saved_filters")
        self.combo.setToolTip(self.tr("Apply a saved filter"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(12)
        self.combo.activated.connect(self._on_activated)
        self.save_button = QToolButton()
        self.save_button.setObjectName("save_filter")
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the current filters under a name"))
        self.save_button.clicked.connect(self._ask_and_save)
        self.delete_button = QToolButton()
        self.delete_button.setObjectName("delete_filter")
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected saved filter"))
        self.delete_button.clicked.connect(self._delete_selected)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.combo)
        layout.addWidget(self.save_button)
        layout.addWidget(self.delete_button)
        self._reload()

    # -- public --------------------------------------------------------------------------

    def save_as(self, name: str, wanted: WorklistFilter | None = None) -> None:
        """Save ``wanted`` (default: the filter last passed to :meth:`sync`) as ``name``."""
        self.store.save(name, wanted if wanted is not None else self._current)
        self._reload()

    def apply(self, name: str) -> bool:
        """Apply the saved filter ``name``; False when there is none by that name."""
        wanted = self.store.get(name)
        if wanted is None:
            return False
        self._current = wanted
        self._reload()
        self.chosen.emit(wanted)
        return True

    def delete(self, name: str) -> bool:
        removed = self.store.delete(name)
        self._reload()
        return removed

    def selected_name(self) -> str | None:
        name = self.combo.currentData()
        return str(name) if name else None

    def sync(self, current: WorklistFilter) -> None:
        """Follow the filter bar: select the saved filter equal to ``current``, if any."""
        self._current = current
        self._reload()

    # -- internals -----------------------------------------------------------------------

    def _reload(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Saved filters…"), "")
        match = 0
        for name in self.store.names():
            self.combo.addItem(name, name)
            if match == 0 and self.store.get(name) == self._current:
                match = self.combo.count() - 1
        self.combo.setCurrentIndex(match)
        self.combo.blockSignals(False)
        self.delete_button.setEnabled(match > 0)

    def _on_activated(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name:
            self.apply(str(name))
        else:
            self._reload()

    def _ask_and_save(self) -> None:
        suggestion = self.selected_name() or ""
        name, ok = QInputDialog.getText(
            self,
            self.tr("Save filter"),
            self.tr("Name of the saved filter:"),
            QLineEdit.EchoMode.Normal,
            suggestion,
        )
        if ok and name.strip():
            self.save_as(name.strip())

    def _delete_selected(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.delete(name)
