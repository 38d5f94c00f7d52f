"""The structured report editor: template chosen from the study, keyboard-only filling,
macros, measurements and key images from the viewer, outbox states, and a draft that
survives a killed process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

from conftest import make_item
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.services.outbox import Outbox
from workstation.ui.report_flows import ReportContext
from workstation.ui.report_panel import ReportPanel

KEY = bytes(range(32))


def _panel(qtbot, item=None, **context) -> ReportPanel:
    panel = ReportPanel(item or make_item(1), lambda d: None)
    qtbot.addWidget(panel)
    if context:
        panel.configure(ReportContext(**context))
    panel.resize(420, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_template_follows_the_study_and_can_be_changed(qtbot) -> None:
    chest = _panel(qtbot, make_item(1))  # "CT chest 1"
    assert chest.editor.report.template_id == "ct_chest"
    head = _panel(qtbot, replace(make_item(2), description="CT head without contrast"))
    assert head.editor.report.template_id == "ct_head_noncontrast"
    box = head.editor.template_box
    box.setCurrentIndex(box.findData("mr_brain"))
    assert head.editor.report.template_id == "mr_brain"
    assert "field_impression" in {w.objectName() for w in head.editor.form_host.findChildren(
        type(head.editor.inputs["impression"].widget))}


def test_keyboard_only_filling_with_tab_and_macros(qtbot) -> None:
    panel = _panel(qtbot)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=5000)
    editor = panel.editor
    editor.template_box.setFocus()
    qtbot.keyClick(editor.template_box, Qt.Key.Key_Tab)
    first = editor.inputs["technique"].focus_widget
    assert QApplication.focusWidget() is first
    qtbot.keyClicks(first, "Thin sections. .emph")
    qtbot.keyClick(first, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert first.toPlainText() in ("Thin sections. Centrilobular emphysema.",
                                   "Thin sections. Sentrilobüler amfizem.")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not first
    # The findings text follows the template while it is not edited by hand.
    assert "Thin sections." in panel.findings.toPlainText()


def test_required_fields_block_signing_and_focus_the_field(qtbot) -> None:
    panel = _panel(qtbot)
    panel.editor.inputs["nodules"].widget.setCurrentIndex(1)
    assert not panel.submit()
    assert "Cannot sign yet" in panel.message.text()
    assert panel.message.text().count("required") + panel.message.text().count("zorunlu") >= 2
    panel.editor.apply_normals()
    assert panel.editor.collect().problems(panel.editor.template) == []


def test_measurements_and_key_images_from_the_viewer(qtbot) -> None:
    panel = _panel(qtbot)
    measured = [{"kind": "length", "value": None, "unit": "", "label": "Length: 12.3 mm",
                 "series_uid": "1.2.3", "sop_uid": "1.2.3.4"}]
    keys = [{"kind": "key_image", "value": None, "unit": "", "label": "Key image 1",
             "series_uid": "1.2.3", "sop_uid": "1.2.3.5"}]
    panel.editor.attachments = lambda: (measured, keys)
    panel.editor.setFocus()
    panel.editor.insert_attachments()
    panel.editor.insert_attachments()  # twice: still once each
    report = panel.editor.collect()
    assert [m["sop_uid"] for m in report.measurements] == ["1.2.3.4"]
    assert [k["sop_uid"] for k in report.key_images] == ["1.2.3.5"]
    assert report.values["nodule_size"] == 0  # the first measurement field refers to it
    assert "12.3 mm" in panel.findings.toPlainText()
    assert "1 measurement(s), 1 key image(s)" in panel.editor.attached.text()


class _DownHub:
    def submit_report(self, draft):
        from workstation.hub.errors import HubUnreachable

        raise HubUnreachable()


def test_outbox_states_are_shown(qtbot, tmp_path) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    outbox = Outbox(store.records, _DownHub())
    panel = _panel(qtbot, records=store.records, outbox=outbox)
    entry = outbox.enqueue(ReportDraft(panel._item.study_uid, "F", "I", ReportKind.FINAL))
    outbox.flush(force=True)
    panel.flows.refresh_outbox()
    assert panel.flows.outbox_label.property("outbox_state") == "pending"
    assert "pending (attempt 1)" in panel.flows.outbox_label.text()
    entry = outbox.entry(entry.entry_id)
    assert entry is not None and entry.attempts == 1


_CHILD = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from conftest import make_item
    from PySide6.QtWidgets import QApplication
    from workstation.cache.store import EncryptedStore
    from workstation.ui.report_flows import ReportContext
    from workstation.ui.report_panel import ReportPanel
    app = QApplication([])
    store = EncryptedStore({root!r}, bytes(range(32)))
    panel = ReportPanel(make_item(1), lambda d: None)
    panel.configure(ReportContext(records=store.records, autosave_s=0.2))
    panel.show()
    panel.editor.inputs["lungs"].set_value("Ground-glass opacity, right lower lobe.")
    panel.editor._field_changed("lungs")
    panel.impression.setPlainText("Şüpheli enfeksiyon; ılımlı.")
    def kill_once_saved():
        if panel.flows.drafts.saves >= 1:
            os.kill(os.getpid(), signal.SIGKILL)  # no clean shutdown, no final save
    from PySide6.QtCore import QTimer
    timer = QTimer()
    timer.timeout.connect(kill_once_saved)
    timer.start(20)
    QTimer.singleShot(20_000, app.quit)
    app.exec()
""")


def test_draft_survives_a_killed_process(qtbot, tmp_path) -> None:
    root = tmp_path / "store"
    code = _CHILD.format(tests=str(Path(__file__).parent), root=str(root))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, timeout=60,
                          capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    panel = _panel(qtbot, records=EncryptedStore(root, KEY).records)
    assert panel.impression.toPlainText() == "Şüpheli enfeksiyon; ılımlı."
    assert "Ground-glass opacity" in panel.findings.toPlainText()
    assert panel.editor.collect().values["lungs"] == "Ground-glass opacity, right lower lobe."
    assert "Draft restored" in panel.message.text()
