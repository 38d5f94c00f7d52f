"""The pages of the settings dialog; each reads its values on creation and ``save()``
writes them back, returning the keys whose value changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.core import presets
from workstation.ui import i18n, settings_values, theme
from workstation.ui.server_profiles import (
    CURRENT_KEY,
    HUB,
    ProfileStore,
    ServerProfilesDialog,
)
from workstation.ui.settings_values import (
    CA_BUNDLE,
    CACHE_BUDGET_GB,
    CACHE_RETENTION_DAYS,
    HANGING_ENABLED,
    HUB_PIN,
    IDLE_LOCK_MINUTES,
    PREFETCH_COUNT,
    PURGE_AT_SIGN_OUT,
)

PRESET_MODALITIES = ("CT", "MR", "CR", "DX", "MG", "US", "PT", "NM", "XA")


def _spin(key: str, suffix: str, accessible: str) -> QSpinBox:
    low, high, _ = settings_values.LIMITS[key]
    box = QSpinBox()
    box.setRange(int(low), int(high))
    box.setValue(int(settings_values.number(key)))
    box.setSuffix(suffix)
    box.setAccessibleName(accessible)
    box.setObjectName(key.replace("/", "_"))
    return box


def _changed(key: str, before: object, after: object) -> set[str]:
    return {key} if before != after else set()


class GeneralPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Language and display"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Interface language"))
        for code, label in ((i18n.SYSTEM, self.tr("As the operating system")),
                            ("tr", "Türkçe"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.preference())))
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        self.theme.setAccessibleName(self.tr("Colour theme"))
        self.theme.addItem(self.tr("Dark (reading room)"), theme.DARK)
        self.theme.addItem(self.tr("High contrast"), theme.HIGH_CONTRAST)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme.chosen_theme())))
        self.hanging = QCheckBox(self.tr("Hanging protocols: apply automatically"))
        self.hanging.setObjectName("hanging_enabled")
        self.hanging.setAccessibleName(self.tr("Apply hanging protocols automatically when a "
                                               "study opens"))
        self.hanging.setChecked(settings_values.flag(HANGING_ENABLED))
        note = QLabel(self.tr("Windows opened from now on use the new language; reopen the "
                              "worklist to switch it completely."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.hanging)
        form.addRow(note)

    def save(self) -> set[str]:
        from PySide6.QtCore import QSettings

        changed = _changed(i18n.SETTING, i18n.preference(), self.language.currentData())
        i18n.set_preference(self.language.currentData())
        changed |= _changed(theme.THEME_SETTING, theme.chosen_theme(), self.theme.currentData())
        QSettings().setValue(theme.THEME_SETTING, self.theme.currentData())
        changed |= _changed(HANGING_ENABLED, settings_values.flag(HANGING_ENABLED),
                            self.hanging.isChecked())
        settings_values.set_flag(HANGING_ENABLED, self.hanging.isChecked())
        return changed


class CachePage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Local cache"))
        self.budget = _spin(CACHE_BUDGET_GB, " GB", self.tr("Cache size limit in gigabytes"))
        self.retention = _spin(CACHE_RETENTION_DAYS, self.tr(" days"),
                               self.tr("Days a study is kept after it was last opened"))
        self.prefetch = _spin(PREFETCH_COUNT, "", self.tr("Worklist studies downloaded ahead"))
        self.purge = QCheckBox(self.tr("Delete all local images and drafts when I sign out"))
        self.purge.setObjectName("purge_at_sign_out")
        self.purge.setChecked(settings_values.flag(PURGE_AT_SIGN_OUT))
        note = QLabel(self.tr("Images are stored encrypted. Studies open in a viewer are never "
                              "removed to make room. New limits apply as soon as you save."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Size limit"), self.budget)
        form.addRow(self.tr("Keep studies for"), self.retention)
        form.addRow(self.tr("Prefetch next studies"), self.prefetch)
        form.addRow(self.purge)
        form.addRow(note)

    def save(self) -> set[str]:
        changed: set[str] = set()
        for key, box in ((CACHE_BUDGET_GB, self.budget), (CACHE_RETENTION_DAYS, self.retention),
                         (PREFETCH_COUNT, self.prefetch)):
            changed |= _changed(key, int(settings_values.number(key)), box.value())
            settings_values.set_number(key, box.value())
        changed |= _changed(PURGE_AT_SIGN_OUT, settings_values.flag(PURGE_AT_SIGN_OUT),
                            self.purge.isChecked())
        settings_values.set_flag(PURGE_AT_SIGN_OUT, self.purge.isChecked())
        return changed


class SecurityPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Security"))
        self.idle = _spin(IDLE_LOCK_MINUTES, self.tr(" min"),
                          self.tr("Minutes without input before the screen locks"))
        self.ca_bundle = QLineEdit(settings_values.text(CA_BUNDLE))
        self.ca_bundle.setObjectName("ca_bundle")
        self.ca_bundle.setAccessibleName(self.tr("Certificate authority bundle file"))
        self.ca_bundle.setPlaceholderText(self.tr("System certificate store"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose a certificate authority bundle"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.ca_bundle, 1)
        row.addWidget(browse)
        self.pin = QLineEdit(settings_values.text(HUB_PIN))
        self.pin.setObjectName("hub_pin")
        self.pin.setAccessibleName(self.tr("Hub certificate pin, SPKI SHA-256"))
        self.pin.setPlaceholderText(self.tr("Not pinned"))
        note = QLabel(self.tr("Certificate checks are always on. The hub's policy can lock the "
                              "screen sooner than set here."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Lock after"), self.idle)
        form.addRow(self.tr("CA bundle"), row)
        form.addRow(self.tr("Hub pin (SPKI SHA-256)"), self.pin)
        form.addRow(note)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Certificate authority bundle"),
                                              str(Path.home()), "PEM (*.pem *.crt)")
        if path:
            self.ca_bundle.setText(path)

    def save(self) -> set[str]:
        changed = _changed(IDLE_LOCK_MINUTES, int(settings_values.number(IDLE_LOCK_MINUTES)),
                           self.idle.value())
        settings_values.set_number(IDLE_LOCK_MINUTES, self.idle.value())
        for key, edit in ((CA_BUNDLE, self.ca_bundle), (HUB_PIN, self.pin)):
            changed |= _changed(key, settings_values.text(key), edit.text().strip())
            settings_values.set_text(key, edit.text())
        return changed


class PresetsPage(QWidget):
    """Number-key window presets per modality; an empty table uses the shipped ones."""

    COLUMNS = 4  # key, name, centre, width

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Window presets"))
        self.data = settings_values.load_user_presets()
        self.modality = QComboBox()
        self.modality.setObjectName("preset_modality")
        self.modality.setAccessibleName(self.tr("Modality of the presets"))
        self.modality.addItems(PRESET_MODALITIES)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("preset_table")
        self.table.setAccessibleName(self.tr("Window presets of the modality"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Key"), self.tr("Name"), self.tr("Centre"), self.tr("Width")])
        self.table.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(self.tr("Add"))
        remove = QPushButton(self.tr("Remove"))
        shipped = QPushButton(self.tr("Shipped presets"))
        shipped.setToolTip(self.tr("Go back to the presets delivered with the workstation"))
        add.clicked.connect(self._add)
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        shipped.clicked.connect(self._shipped)
        self.error = QLabel()
        self.error.setObjectName("preset_error")
        self.error.setWordWrap(True)
        theme.set_severity(self.error, "error")
        buttons = QHBoxLayout()
        for b in (add, remove, shipped):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(self.tr("Modality"), self.modality)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self._shown = self.modality.currentText()
        self.modality.currentTextChanged.connect(self._switch)
        self._fill(self._shown)

    def _rows_of(self, modality: str) -> list[dict[str, object]]:
        if self.data.get(modality):
            return list(self.data[modality])
        return [{"key": p.key, "name": p.name, "center": p.window.center,
                 "width": p.window.width} for p in presets.shipped_presets_for(modality)]

    def _fill(self, modality: str) -> None:
        rows = self._rows_of(modality)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, field in enumerate(("key", "name", "center", "width")):
                value = row[field]
                text = f"{value:g}" if isinstance(value, float) else str(value)
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _read_table(self) -> list[dict[str, object]]:
        rows = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "")
                     for c in range(self.COLUMNS)]
            if not any(cells):
                continue
            try:
                rows.append({"key": int(cells[0]), "name": cells[1],
                             "center": float(cells[2].replace(",", ".")),
                             "width": float(cells[3].replace(",", "."))})
            except ValueError:
                raise ValueError(self.tr("Row %1: key must be 1–9, centre and width numbers.")
                                 .replace("%1", str(r + 1))) from None
        return rows

    def _switch(self, modality: str) -> None:
        try:
            self._store(self._shown, self._read_table())
        except ValueError as exc:
            self.show_error(str(exc))
        self._shown = modality
        self._fill(modality)

    def _store(self, modality: str, rows: list[dict[str, object]]) -> None:
        shipped = self._rows_of_shipped(modality)
        self.data[modality] = [] if rows == shipped else rows  # type: ignore[assignment]

    @staticmethod
    def _rows_of_shipped(modality: str) -> list[dict[str, object]]:
        return [{"key": p.key, "name": p.name, "center": p.window.center,
                 "width": p.window.width} for p in presets.shipped_presets_for(modality)]

    def _add(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(str(min(row + 1, 9))))
        self.table.setCurrentCell(row, 1)
        self.table.editItem(self.table.item(row, 0))

    def _shipped(self) -> None:
        self.data[self._shown] = []
        self._fill(self._shown)

    def collect(self) -> dict[str, list[dict[str, object]]]:
        self._store(self._shown, self._read_table())
        return {m: rows for m, rows in self.data.items() if rows}  # type: ignore[misc]

    def show_error(self, text: str) -> None:
        self.error.setText(text)


class ShortcutsPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        text = QLabel(self.tr("Every viewer action has a key. Change them here; the viewer "
                              "uses the new keys at once."))
        text.setWordWrap(True)
        button = QPushButton(self.tr("Edit keyboard shortcuts…"))
        button.setObjectName("edit_shortcuts")
        button.clicked.connect(self.open_editor)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def open_editor(self) -> None:
        from workstation.ui.shortcut_dialog import ShortcutDialog

        ShortcutDialog(self).exec()


class ServersPage(QWidget):
    """The server profiles: the reading hub (the default) and the DICOMweb archives. The
    one selected when saving is used from the next start (File > Servers… switches at
    once); adding and editing reuse the profile dialog, secrets stay in the keychain."""

    def __init__(self, store: ProfileStore | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Servers"))
        self.store = store or ProfileStore()
        self.list = QListWidget()
        self.list.setObjectName("server_list")
        self.list.setAccessibleName(self.tr("Server profiles"))
        self.edit_button = QPushButton(self.tr("Add or edit…"))
        self.edit_button.setObjectName("server_edit")
        self.edit_button.setAccessibleName(self.tr("Add or edit a DICOMweb server"))
        self.edit_button.clicked.connect(self.edit)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("server_remove")
        self.remove_button.setAccessibleName(self.tr("Remove the selected DICOMweb server"))
        self.remove_button.clicked.connect(self.remove)
        self.list.currentRowChanged.connect(self._selection_changed)
        note = QLabel(self.tr("The selected server is used from the next start; File > "
                              "Servers… in the worklist switches at once. Passwords and "
                              "tokens are kept in the system keychain. Each server's images "
                              "are cached apart from the others'."))
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Read studies from")))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        self.refresh(self.store.current())

    def refresh(self, select: str | None = None) -> None:
        """List the hub and every DICOMweb profile; ``select`` (a name, HUB for the hub)
        becomes the selected row, the profile in use is shown in bold."""
        if select is None:
            select = self.selected()
        current = self.store.current()
        self.list.clear()
        entries = [(HUB, self.tr("Reading hub (default)"))]
        entries += [(p.name, self.tr("DICOMweb: %1 (%2)").replace("%1", p.name)
                     .replace("%2", p.base_url)) for p in self.store.profiles()]
        for name, label in entries:
            row = QListWidgetItem(label)
            row.setData(Qt.ItemDataRole.UserRole, name)
            if name == current:
                font = QFont(row.font())
                font.setBold(True)
                row.setFont(font)
                row.setToolTip(self.tr("In use"))
            self.list.addItem(row)
        names = [name for name, _label in entries]
        self.list.setCurrentRow(names.index(select) if select in names else 0)

    def names(self) -> list[str]:
        return [str(self.list.item(r).data(Qt.ItemDataRole.UserRole))
                for r in range(self.list.count())]

    def selected(self) -> str:
        row = self.list.currentItem()
        return str(row.data(Qt.ItemDataRole.UserRole)) if row is not None else HUB

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected() != HUB)

    def edit(self) -> None:
        """The profile dialog on the selected server; the list follows what it saved. The
        dialog marks the saved profile as the one in use; the page keeps the one in use
        until Save, so Cancel on the settings dialog leaves it unchanged."""
        before = self.store.current()
        dialog = ServerProfilesDialog(self.store, self)
        index = dialog.choice.findData(self.selected())
        if index >= 0:
            dialog.choice.setCurrentIndex(index)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.chosen()
            self.store.set_current(before)
            self.refresh(chosen.name if chosen is not None else HUB)

    def remove(self) -> None:
        name = self.selected()
        if name != HUB:
            self.store.remove(name)  # its secret leaves the keychain too
            self.refresh(HUB)

    def save(self) -> set[str]:
        changed = _changed(CURRENT_KEY, self.store.current(), self.selected())
        self.store.set_current(self.selected())
        return changed
