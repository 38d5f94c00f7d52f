"""The patient banner at the top of the report panel: name, identifiers, study, hospital,
priority and state, and the clinical notes, so the reader confirms whose images these are
before writing (window titles stay free of patient data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from workstation.core.study import StudyStatus, WorklistItem
from workstation.ui import theme
from workstation.ui.worklist_model import patient_display_name, priority_text, status_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportPanel", text)


def state_text(item: WorklistItem, status: StudyStatus) -> str:
    return f"{priority_text(item.priority)}  ·  {status_text(status)}"


def patient_banner(item: WorklistItem) -> tuple[QFrame, QLabel]:
    """The banner and its state label (updated when the report is signed)."""
    frame = QFrame()
    frame.setObjectName("patient_banner")
    frame.setStyleSheet(
        f"QFrame#patient_banner {{ background: #202227; border: 1px solid {theme.BORDER};"
        " border-radius: 4px; }"
    )
    name = QLabel(patient_display_name(item.patient_name))
    font = name.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    name.setFont(font)
    birth = item.patient_birth_date.strftime("%d.%m.%Y") if item.patient_birth_date else ""
    ident = "  ·  ".join(p for p in (item.patient_id, item.patient_sex, birth) if p)
    when = item.study_datetime.strftime("%d.%m.%Y %H:%M") if item.study_datetime else ""
    study = "  ·  ".join(p for p in (item.modality, item.description, when) if p)
    where = "  ·  ".join(
        p for p in (_tr("Acc. %1").replace("%1", item.accession), item.hospital) if p
    )
    box = QVBoxLayout(frame)
    box.setContentsMargins(10, 6, 10, 6)
    box.setSpacing(2)
    box.addWidget(name)
    state_label = QLabel()
    state_label.setObjectName("study_state")
    for text in (ident, study, where):
        box.addWidget(_dim(QLabel(text)))
    box.addWidget(_dim(state_label))
    if item.clinical_notes:
        notes = QLabel(_tr("Clinical notes: %1").replace("%1", item.clinical_notes))
        notes.setWordWrap(True)
        notes.setStyleSheet(f"color: {theme.TEXT}; border: none;")
        notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(notes)
    return frame, state_label


def _dim(label: QLabel) -> QLabel:
    label.setStyleSheet(f"color: {theme.DIM_TEXT}; border: none;")
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
