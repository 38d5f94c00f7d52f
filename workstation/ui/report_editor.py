"""The structured part of the report editor: a template chosen from the study, its typed
fields in template order, normal phrases, macros, and the viewer's measurements and key
images attached to the report.

The template is picked from Modality (0008,0060) and Study Description (0008,1030) by
``choose_template``; the reader can change it, and values of fields the new template also
has are kept. Keys (all inside the report panel): Ctrl+Shift+N fills every empty field with
its normal phrase, Ctrl+Space expands ``.macro`` words in the field being typed,
Ctrl+Shift+Space lists the template's macros, Ctrl+Shift+M brings the viewer's
measurements and key images into the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workstation.core.report_content import StructuredReport
from workstation.core.report_template import ReportTemplate, choose_template, load_templates
from workstation.core.study import WorklistItem
from workstation.ui.report_fields import FieldInput, make_input

Attachments = Callable[[], tuple[list[dict[str, Any]], list[dict[str, Any]]]]


class StructuredEditor(QWidget):
    """Template picker and typed fields; ``changed()`` after every edit."""

    changed = Signal()

    def __init__(self, item: WorklistItem, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("structured_editor")
        self.language = language if language in ("tr", "en") else "en"
        self.templates: dict[str, ReportTemplate] = load_templates()
        self.attachments: Attachments | None = None  # the viewer's, once it is known
        chosen = choose_template(item.modality, "", item.description, self.templates)
        chosen = chosen or sorted(self.templates)[0]
        self.report = StructuredReport(item.study_uid, chosen, self.language)
        self.inputs: dict[str, FieldInput] = {}

        self.template_box = QComboBox()
        self.template_box.setObjectName("report_template")
        self.template_box.setAccessibleName(self.tr("Report template"))
        for tid, template in sorted(self.templates.items(),
                                    key=lambda kv: kv[1].title.text(self.language)):
            self.template_box.addItem(template.title.text(self.language), tid)
        self.template_box.setCurrentIndex(self.template_box.findData(chosen))
        self.template_box.currentIndexChanged.connect(self._template_chosen)
        self.normal_button = QPushButton(self.tr("Normal"))
        self.normal_button.setObjectName("report_normal")
        self.normal_button.setToolTip(self.tr("Fill empty fields with normal phrases (Ctrl+Shift+N)"))
        self.normal_button.clicked.connect(self.apply_normals)
        self.attach_button = QPushButton(self.tr("Measurements"))
        self.attach_button.setObjectName("report_attach")
        self.attach_button.setToolTip(
            self.tr("Add the viewer's measurements and key images (Ctrl+Shift+M)"))
        self.attach_button.clicked.connect(self.insert_attachments)
        # Two rows: in the narrow side panel one row clipped the template name and buttons.
        top = QVBoxLayout()
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Template")))
        choose.addWidget(self.template_box, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.normal_button)
        actions.addWidget(self.attach_button)
        top.addLayout(choose)
        top.addLayout(actions)

        self.form_host = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.form_host)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.attached = QLabel()
        self.attached.setObjectName("report_attachments")
        self.attached.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.attached)
        for keys, slot in (("Ctrl+Shift+N", self.apply_normals),
                           ("Ctrl+Space", self.expand_macros),
                           ("Ctrl+Shift+Space", self.show_macros),
                           ("Ctrl+Shift+M", self.insert_attachments)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._build()

    # -- public --------------------------------------------------------------------------

    @property
    def template(self) -> ReportTemplate:
        return self.templates[self.report.template_id]

    def has_values(self) -> bool:
        return bool(self.report.values)

    def load(self, report: StructuredReport) -> None:
        """Show a saved report (e.g. the draft restored after a restart)."""
        if report.template_id not in self.templates:
            report.template_id = self.report.template_id
        self.report = report
        self.template_box.blockSignals(True)
        self.template_box.setCurrentIndex(self.template_box.findData(report.template_id))
        self.template_box.blockSignals(False)
        self._build()
        self.changed.emit()

    def set_read_only(self, locked: bool) -> None:
        for made in self.inputs.values():
            made.widget.setEnabled(not locked)
        for w in (self.template_box, self.normal_button, self.attach_button):
            w.setEnabled(not locked)

    def apply_normals(self) -> None:
        self.report.apply_normals(self.template)
        self._show_values()
        self.changed.emit()

    def expand_macros(self) -> None:
        """Expand ``.macro`` words in the text field that has focus."""
        edit = self.focusWidget()
        if not isinstance(edit, QPlainTextEdit):
            return
        text = edit.toPlainText()
        expanded = self.template.expand_macros(text, self.language)
        if expanded != text:
            edit.setPlainText(expanded)
            cursor = edit.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            edit.setTextCursor(cursor)

    def show_macros(self) -> None:
        """A keyboard menu of the template's macros; the chosen phrase goes in at the cursor."""
        edit = self.focusWidget()
        menu = QMenu(self)
        menu.setObjectName("macro_menu")
        for code, phrase in sorted(self.template.macros.items()):
            action = menu.addAction(f".{code}  {phrase.text(self.language)}")
            action.setData(phrase.text(self.language))
        pos = edit.mapToGlobal(edit.rect().center()) if edit else self.mapToGlobal(self.pos())
        chosen = menu.exec(pos)
        if chosen is not None and isinstance(edit, QPlainTextEdit):
            edit.insertPlainText(str(chosen.data()))

    def insert_attachments(self) -> None:
        """Bring the viewer's measurements and key images into the report (each once)."""
        if self.attachments is None:
            return
        measurements, keys = self.attachments()
        known = {(m["sop_uid"], m["label"]) for m in self.report.measurements}
        for m in measurements:
            if (str(m.get("sop_uid", "")), str(m.get("label", ""))) not in known:
                index = self.report.add_measurement(m)
                field = self._first_empty_measurement_field()
                if field is not None:
                    self.report.values[field] = index
        for k in keys:
            self.report.add_key_image(k)
        self._show_values()
        self.changed.emit()

    def collect(self) -> StructuredReport:
        """The report with the values on screen."""
        for fid, made in self.inputs.items():
            self.report.set(fid, made.value())
        return self.report

    def focus_first(self) -> None:
        if self.inputs:
            next(iter(self.inputs.values())).focus_widget.setFocus()

    def focus_field(self, field_id: str) -> None:
        made = self.inputs.get(field_id)
        if made is not None:
            made.focus_widget.setFocus()
            self.scroll.ensureWidgetVisible(made.widget)

    # -- internals -----------------------------------------------------------------------

    def _first_empty_measurement_field(self) -> str | None:
        for _, f in self.template.fields():
            if f.type == "measurement" and f.id not in self.report.values:
                return f.id
        return None

    def _template_chosen(self) -> None:
        tid = self.template_box.currentData()
        if tid and tid != self.report.template_id:
            self.collect()
            keep = {f.id for _, f in self.templates[tid].fields()}
            self.report.values = {k: v for k, v in self.report.values.items() if k in keep}
            self.report.template_id = tid
            self._build()
            self.changed.emit()

    def _build(self) -> None:
        host = QWidget()
        form = QFormLayout(host)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A field too wide beside its label goes below it: the side panel is narrow.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.inputs = {}
        self.scroll.setWidget(host)
        self.form_host = host
        previous: QWidget | None = self.template_box
        for section in self.template.sections:
            heading = QLabel(section.label.text(self.language))
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            form.addRow(heading)
            for f in section.fields:
                made = make_input(f, self.language, lambda: self.report.measurements, host)
                label = f.label.text(self.language) + (" *" if f.required else "")
                label_widget = QLabel(label)
                label_widget.setBuddy(made.focus_widget)
                form.addRow(label_widget, made.widget)
                made.changed.connect(lambda fid=f.id: self._field_changed(fid))
                self.inputs[f.id] = made
                if previous is not None:
                    QWidget.setTabOrder(previous, made.focus_widget)
                previous = made.focus_widget
        self._show_values()

    def _show_values(self) -> None:
        for fid, made in self.inputs.items():
            made.set_value(self.report.values.get(fid))
        n, k = len(self.report.measurements), len(self.report.key_images)
        self.attached.setText(
            self.tr("Attached: %1 measurement(s), %2 key image(s)")
            .replace("%1", str(n)).replace("%2", str(k)) if n or k else "")

    def _field_changed(self, field_id: str) -> None:
        self.report.set(field_id, self.inputs[field_id].value())
        self.changed.emit()
