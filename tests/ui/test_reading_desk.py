"""Opening studies from the worklist: reading locks, next study, STAT while reading."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from workstation.core.study import Priority, StudyStatus
from workstation.ui.study_claim import ClaimState
from workstation.ui.worklist_model import Column

SERIES_WAIT_MS = 60_000


def row_text(window, study_uid: str, column: Column, role=Qt.ItemDataRole.DisplayRole):
    return window.model.index(window.model.row_of(study_uid), column).data(role)


def open_and_wait_claim(qtbot, app, item):
    viewer = app.open_study(item)
    qtbot.waitUntil(
        lambda: (
            app.desk.claim is not None and app.desk.claim.state not in (None, ClaimState.PENDING)
        ),
        timeout=5000,
    )
    return viewer


def test_opening_claims_the_study_and_closing_releases_it(qtbot, signed_in_app, fake_hub):
    app, window = signed_in_app, signed_in_app.worklist_window
    stat = fake_hub.items[1]
    with qtbot.waitSignal(app.viewer_opened, timeout=5000):
        window.open_requested.emit(window.model.item(window.model.row_of(stat.study_uid)))
    viewer = app.viewer_window
    qtbot.waitUntil(lambda: app.desk.claim.state is ClaimState.MINE, timeout=5000)
    assert fake_hub.claim_calls == [stat.study_uid]
    assert viewer.claim_label.text().startswith("Reading lock: yours until ")
    assert row_text(window, stat.study_uid, Column.CLAIM) == "Mine"
    assert "You hold the reading lock until" in row_text(
        window, stat.study_uid, Column.CLAIM, Qt.ItemDataRole.ToolTipRole
    )
    assert viewer.report_panel.submit_button.isEnabled()

    viewer.close()
    qtbot.waitUntil(lambda: fake_hub.released == [stat.study_uid], timeout=5000)
    assert app.viewer_window is None
    assert row_text(window, stat.study_uid, Column.CLAIM) == ""
    assert stat.study_uid not in fake_hub.claims


def test_study_held_by_another_reader_opens_read_only(qtbot, signed_in_app, fake_hub):
    app, window = signed_in_app, signed_in_app.worklist_window
    held = fake_hub.items[2]
    fake_hub.hold(held.study_uid, "dr.other")
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    assert row_text(window, held.study_uid, Column.CLAIM) == "Held by dr.other"
    tooltip = row_text(window, held.study_uid, Column.CLAIM, Qt.ItemDataRole.ToolTipRole)
    assert "dr.other holds the reading lock until" in tooltip and "read-only" in tooltip

    viewer = open_and_wait_claim(qtbot, app, window.model.item(window.model.row_of(held.study_uid)))
    assert app.desk.claim.state is ClaimState.HELD
    panel = viewer.report_panel
    assert panel.read_only_reason == "Read-only: dr.other is reading this study."
    assert not panel.submit_button.isEnabled()
    assert panel.submit_button.toolTip() == panel.read_only_reason
    assert panel.message.text() == panel.read_only_reason
    assert panel.findings.isReadOnly()
    assert viewer.claim_label.text() == "Held by dr.other"
    panel.findings.setPlainText("typed anyway")
    panel.impression.setPlainText("x")
    assert not panel.submit()
    assert fake_hub.submitted == []
    viewer.close()
    qtbot.wait(100)
    assert fake_hub.released == []  # not ours to give back


def test_signing_the_report_releases_the_lock(qtbot, signed_in_app, fake_hub):
    app, window = signed_in_app, signed_in_app.worklist_window
    study = fake_hub.items[0]
    viewer = open_and_wait_claim(qtbot, app, study)
    assert app.desk.claim.state is ClaimState.MINE
    panel = viewer.report_panel
    panel.findings.setPlainText("Normal.")
    panel.impression.setPlainText("No acute finding.")
    with qtbot.waitSignal(panel.submitted, timeout=10_000):
        panel.submit()
    qtbot.waitUntil(lambda: fake_hub.released == [study.study_uid], timeout=5000)
    qtbot.waitUntil(
        lambda: window.model.item(window.model.row_of(study.study_uid)).status is StudyStatus.FINAL,
        timeout=5000,
    )
    assert row_text(window, study.study_uid, Column.CLAIM) == ""
    assert viewer.claim_label.text() == ""
    viewer.close()
    qtbot.wait(100)
    assert fake_hub.released == [study.study_uid]  # once, not again on close


def test_next_study_opens_unread_studies_in_priority_order(
    qtbot, signed_in_app, fake_hub, monkeypatch
):
    app, window = signed_in_app, signed_in_app.worklist_window
    assert window.next_action.shortcut() == QKeySequence("Ctrl+N")
    by_n = {i.accession: i for i in fake_hub.items}  # 1 routine, 2 STAT, 3 urgent, 4 STAT done
    fake_hub.hold(by_n["ACC0003"].study_uid, "dr.other")
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()

    with qtbot.waitSignal(app.viewer_opened, timeout=5000) as blocker:
        window.next_action.trigger()  # nothing open: the first unread, the STAT
    first = blocker.args[0]
    assert first.item.accession == "ACC0002"
    assert first.next_action.shortcut() == QKeySequence("Ctrl+N")
    with qtbot.waitSignal(app.viewer_opened, timeout=5000) as blocker:
        first.next_action.trigger()  # the urgent one is held by dr.other: skipped
    second = blocker.args[0]
    assert second.item.accession == "ACC0001"
    assert app.viewer_window is second

    # Unsent text is never dropped silently; the reader may keep the study.
    second.report_panel.findings.setPlainText("Half-written findings")
    asked = []

    def keep(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", keep)
    assert app.open_next_study() is None
    assert asked == ["Unsent report"]
    assert app.viewer_window is second
    assert second.report_panel.findings.toPlainText() == "Half-written findings"


def test_next_study_says_when_nothing_is_left(qtbot, signed_in_app, fake_hub):
    app, window = signed_in_app, signed_in_app.worklist_window
    for item in fake_hub.items:
        fake_hub.hold(item.study_uid, "dr.other")
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    assert app.open_next_study() is None
    assert "No unread study" in window.status_label.text()


def test_new_stat_during_reading_never_takes_focus_from_the_image(
    qtbot, signed_in_app, fake_hub, item_factory
):
    app, window = signed_in_app, signed_in_app.worklist_window
    viewer = app.open_study(fake_hub.items[0])
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=SERIES_WAIT_MS)
    viewer.loader.wait(10_000)  # the rest of the study settled: no late event moves the slice
    qtbot.wait(50)
    viewer.activateWindow()  # the reader clicked into the viewer
    qtbot.waitUntil(lambda: QApplication.activeWindow() is viewer, timeout=5000)
    canvas = viewer.viewport.canvas
    canvas.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is canvas, timeout=5000)
    slice_before = viewer.viewport.slice_view.slice_index

    new = item_factory(11, Priority.STAT, minutes_ago=45)  # waiting longest: read first
    fake_hub.items.append(new)
    with qtbot.waitSignal(window.new_stat, timeout=5000):
        window.auto_refresh.due.emit()
    qtbot.wait(300)  # let any activation or focus change arrive
    assert QApplication.focusWidget() is canvas
    assert QApplication.activeWindow() is viewer
    assert window.stat_banner.isVisible()
    assert viewer.stat_counter.isVisible() and viewer.stat_counter.is_flashing
    assert viewer.stat_counter.text() == "STAT 2"
    assert viewer.stat_counter.focusPolicy() == Qt.FocusPolicy.NoFocus
    # Keys still drive the image.
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: viewer.viewport.slice_view.slice_index == slice_before + 1,
                    timeout=5000)

    # Opening the new STAT study (here via Next study) clears the notice.
    with qtbot.waitSignal(app.viewer_opened, timeout=5000) as blocker:
        viewer.next_action.trigger()
    assert blocker.args[0].item.study_uid == new.study_uid
    assert not window.stat_banner.isVisible()


def test_opening_the_open_study_again_keeps_the_viewer(qtbot, signed_in_app, fake_hub):
    app = signed_in_app
    viewer = open_and_wait_claim(qtbot, app, fake_hub.items[0])
    viewer.report_panel.findings.setPlainText("Kept")
    assert app.open_study(fake_hub.items[0].study_uid) is viewer
    assert viewer.report_panel.findings.toPlainText() == "Kept"
    assert fake_hub.claim_calls == [fake_hub.items[0].study_uid]


def test_stat_badge_in_the_viewer_leads_to_the_worklist(qtbot, signed_in_app, fake_hub):
    app, window = signed_in_app, signed_in_app.worklist_window
    viewer = app.open_study(fake_hub.items[0])
    assert viewer.stat_counter.text() == "STAT 1"
    window.table.clearSelection()
    viewer.stat_counter.click()  # the reader asks for it: the worklist may come forward
    assert window.selected_item().study_uid == fake_hub.items[1].study_uid
