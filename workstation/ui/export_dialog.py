"""Export dialogs: a study, series or the key images de-identified (DICOM with a PS3.15
profile, or PNG/JPEG through the display pipeline), and the patient export of a KVKK
data request (every cached study and report of one patient in one AES-256 zip).

The work runs on a pool thread (:class:`workstation.ui.workers.TaskRunner`); the services
audit every export. Messages name counts and folders, never the patient.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from workstation.core.deid_profile import load_profile, profile_names
from workstation.services.export_dicom import cached_sources, export_anonymized
from workstation.services.export_images import export_key_images
from workstation.services.patient_export import (
    MIN_PASSWORD,
    export_patient,
    local_reports,
)
from workstation.ui.workers import TaskRunner


@dataclass(frozen=True, slots=True)
class ExportChoice:
    scope: str  # "study" | "series" | "key"
    kind: str  # "dicom" | "png" | "jpeg"
    profile: str
    as_zip: bool
    overlay: bool
    path: Path


class _PathRow(QWidget):
    """A path field with a Browse button (folder or file)."""

    def __init__(self, parent: QWidget, *, save_file: str | None = None) -> None:
        super().__init__(parent)
        self.save_file = save_file
        self.edit = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)

    def _browse(self) -> None:
        if self.save_file:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), self.edit.text(),
                                                  self.save_file)
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder"), self.edit.text())
        if path:
            self.edit.setText(path)


class AnonymizedExportDialog(QDialog):
    """What to export, how, and where."""

    def __init__(self, parent: QWidget | None, *, has_series: bool, has_key_images: bool,
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export anonymized"))
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("Whole study"), "study")
        if has_series:
            self.scope.addItem(self.tr("Current series"), "series")
        if has_key_images:
            self.scope.addItem(self.tr("Key images"), "key")
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("DICOM, de-identified"), "dicom")
        self.kind.addItem(self.tr("PNG pictures"), "png")
        self.kind.addItem(self.tr("JPEG pictures"), "jpeg")
        self.profile = QComboBox(self)
        for name in profile_names():
            profile = load_profile(name)
            self.profile.addItem(self.tr(profile.label), name)
            self.profile.setItemData(self.profile.count() - 1, self.tr(profile.description),
                                     Qt.ItemDataRole.ToolTipRole)
        self.as_zip = QCheckBox(self.tr("One zip file"), self)
        self.overlay = QCheckBox(self.tr("Burn in series, image and window text"), self)
        self.path = _PathRow(self)
        form = QFormLayout(self)
        form.addRow(self.tr("Images"), self.scope)
        form.addRow(self.tr("Format"), self.kind)
        form.addRow(self.tr("Profile"), self.profile)
        form.addRow("", self.as_zip)
        form.addRow("", self.overlay)
        form.addRow(self.tr("Destination"), self.path)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.as_zip.toggled.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        dicom = self.kind.currentData() == "dicom"
        self.profile.setEnabled(dicom)
        self.as_zip.setEnabled(dicom)
        self.overlay.setEnabled(not dicom)
        zipped = dicom and self.as_zip.isChecked()
        self.path.save_file = self.tr("Zip file (*.zip)") if zipped else None

    def choice(self) -> ExportChoice:
        dicom = self.kind.currentData() == "dicom"
        return ExportChoice(
            scope=str(self.scope.currentData()), kind=str(self.kind.currentData()),
            profile=str(self.profile.currentData()), as_zip=dicom and self.as_zip.isChecked(),
            overlay=not dicom and self.overlay.isChecked(),
            path=Path(self.path.edit.text().strip()))

    def _accept(self) -> None:
        if not self.path.edit.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose a destination."))
            return
        self.accept()


class PatientExportDialog(QDialog):
    """Destination and password (typed twice) of a patient export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export patient data"))
        self.path = _PathRow(self, save_file=self.tr("Encrypted zip (*.zip)"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        note = QLabel(self.tr(
            "Every cached study and report of this patient, in one zip encrypted with "
            "AES-256. Give the password to the patient separately; it is not stored."), self)
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.tr("Zip file"), self.path)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def problem(self) -> str:
        if not self.path.edit.text().strip():
            return self.tr("Choose where to save the zip file.")
        if len(self.password.text()) < MIN_PASSWORD:
            return self.tr("The password needs at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD))
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            QMessageBox.warning(self, self.windowTitle(), problem)
            return
        self.accept()


class ExportController(QObject):
    """Runs exports off the UI thread and reports the outcome in a message box."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.runner = TaskRunner(self, max_threads=1)
        self.last_message = ""

    def export_study(self, store: Any, tenant: str, study_uid: str, *,
                     series_uid: str | None = None, key_sops: Sequence[str] = (),
                     window: Any = None) -> None:
        """``window``: the viewer's current window / VOI LUT, used for PNG and JPEG."""
        dialog = AnonymizedExportDialog(self._parent, has_series=series_uid is not None,
                                        has_key_images=bool(key_sops))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.run_choice(dialog.choice(), store, tenant, study_uid, series_uid, key_sops,
                        window=window)

    def run_choice(self, choice: ExportChoice, store: Any, tenant: str, study_uid: str,
                   series_uid: str | None = None, key_sops: Sequence[str] = (), *,
                   window: Any = None) -> None:
        series = series_uid if choice.scope == "series" else None
        sops = list(key_sops) if choice.scope == "key" else None

        def work(_report: Any) -> str:
            sources = cached_sources(store, tenant, study_uid, series, sops)
            if choice.kind == "dicom":
                result = export_anonymized(sources, load_profile(choice.profile), choice.path,
                                           as_zip=choice.as_zip)
                text = self.tr("%1 image(s) exported to %2.").replace(
                    "%1", str(result.written)).replace("%2", str(choice.path))
                skipped = len(result.skipped)
            else:
                images = export_key_images(sources, choice.path, image_format=choice.kind,
                                           with_overlay=choice.overlay, window=window)
                text = self.tr("%1 picture(s) saved in %2.").replace(
                    "%1", str(len(images.files))).replace("%2", str(choice.path))
                skipped = len(images.skipped)
            if skipped:
                text += " " + self.tr("%1 image(s) were left out (burned-in text or "
                                      "unreadable).").replace("%1", str(skipped))
            return text

        self.runner.start(work, self._done, self._failed)

    def export_patient(self, store: Any, tenant: str, patient_id: str) -> None:
        dialog = PatientExportDialog(self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.run_patient(store, tenant, patient_id, Path(dialog.path.edit.text().strip()),
                         dialog.password.text())

    def run_patient(self, store: Any, tenant: str, patient_id: str, path: Path,
                    password: str) -> None:
        def work(_report: Any) -> str:
            result = export_patient(store, tenant, patient_id, path, password,
                                    local=local_reports(store.records))
            return self.tr("%1 study(ies) with %2 image(s) and %3 report(s) saved in %4.") \
                .replace("%1", str(len(result.studies))).replace("%2", str(result.instances)) \
                .replace("%3", str(result.reports)).replace("%4", str(path))

        self.runner.start(work, self._done, self._failed)

    def _done(self, text: str) -> None:
        self.last_message = text
        QMessageBox.information(self._parent, self.tr("Export"), text)

    def _failed(self, exc: BaseException) -> None:
        self.last_message = self.tr("The export failed: %1").replace("%1", str(exc))
        QMessageBox.warning(self._parent, self.tr("Export"), self.last_message)


def install_worklist_export(window: Any) -> ExportController:
    """Context menu of the worklist table: anonymized export and patient export of the
    study under the pointer (from the local cache, ``window.cache_store``)."""
    controller = ExportController(window)
    table = window.table
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        index = table.indexAt(pos)
        if index.isValid():
            table.selectRow(index.row())
        item = window.selected_item()
        store = getattr(window, "cache_store", None)
        menu = QMenu(table)
        anonymized = menu.addAction(window.tr("Export anonymized…"))
        patient = menu.addAction(window.tr("Export patient data (KVKK request)…"))
        for action in (anonymized, patient):
            action.setEnabled(item is not None and store is not None)
        anonymized.triggered.connect(
            lambda: controller.export_study(store, item.tenant_id, item.study_uid))
        patient.triggered.connect(
            lambda: controller.export_patient(store, item.tenant_id, item.patient_id))
        window.export_menu = menu
        menu.popup(table.viewport().mapToGlobal(pos))

    table.customContextMenuRequested.connect(show)
    return controller
