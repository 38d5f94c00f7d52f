"""Auto-refresh keeps the reader's place; a new STAT study is announced without focus."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QToolBar

from workstation.core.study import Priority, StudyStatus, UserInfo
from workstation.ui import stat_notifier
from workstation.ui.auto_refresh import INTERVAL_KEY, SOUND_KEY
from workstation.ui.stat_notifier import FLASH_INTERVAL_MS, NewStatTracker
from workstation.ui.worklist_window import WorklistWindow

USER = UserInfo("dr.test", "Dr. Test", "radiologist", ("ankara",))


def make_window(qtbot, fake_hub) -> WorklistWindow:
    window = WorklistWindow(fake_hub.worklist, USER)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    return window


def auto_refresh(qtbot, window) -> None:
    """What the timer does when it fires."""
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.auto_refresh.due.emit()


def test_auto_refresh_defaults_to_30_seconds_and_can_be_turned_off(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    auto = window.auto_refresh
    assert auto.is_active and auto.interval_ms == 30_000
    assert auto.button.text() == "Auto-refresh: 30 s ▾"
    assert not auto.sound and not auto.sound_action.isChecked()
    auto.interval_actions[0].trigger()
    assert not auto.is_active
    assert auto.button.text() == "Auto-refresh: off ▾"
    assert int(QSettings().value(INTERVAL_KEY)) == 0
    auto.interval_actions[120].trigger()
    assert auto.is_active and auto.interval_ms == 120_000
    auto.sound_action.trigger()
    assert auto.sound and str(QSettings().value(SOUND_KEY)).lower() == "true"
    # A new window (next session) starts with the reader's choice.
    again = make_window(qtbot, fake_hub)
    assert again.auto_refresh.interval_ms == 120_000
    assert again.auto_refresh.button.text() == "Auto-refresh: 2 min ▾"
    assert again.auto_refresh.sound


def test_refresh_keeps_selection_and_scroll_position(qtbot, fake_hub, item_factory):
    fake_hub.items = [item_factory(n, minutes_ago=1000 - n) for n in range(1, 80)]
    window = make_window(qtbot, fake_hub)
    table, bar = window.table, window.table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    top = table.rowAt(2)
    chosen = window.model.item(top + 3).study_uid
    window.select_study(chosen)
    before = bar.value()
    auto_refresh(qtbot, window)
    assert window.selected_item().study_uid == chosen
    assert bar.value() == before
    # A STAT study arriving at the top does not move the rows the reader is looking at.
    first_visible = window.model.item(table.rowAt(2)).study_uid
    fake_hub.items.append(item_factory(99, Priority.STAT, minutes_ago=1))
    auto_refresh(qtbot, window)
    assert window.model.item(table.rowAt(2)).study_uid == first_visible
    assert window.selected_item().study_uid == chosen


def test_at_the_top_a_new_stat_row_stays_in_view(qtbot, fake_hub, item_factory):
    fake_hub.items = [item_factory(n, minutes_ago=1000 - n) for n in range(1, 80)]
    window = make_window(qtbot, fake_hub)
    assert window.table.verticalScrollBar().value() == 0
    fake_hub.items.append(item_factory(99, Priority.STAT, minutes_ago=1))
    auto_refresh(qtbot, window)
    assert window.table.verticalScrollBar().value() == 0
    assert window.model.item(window.table.rowAt(2)).accession == "ACC0099"


def test_new_stat_study_raises_banner_and_flashing_counter(qtbot, fake_hub, item_factory):
    window = make_window(qtbot, fake_hub)
    assert not window.stat_banner.isVisible()  # what was there at sign-in is not news
    counter = window.stat_counter
    assert counter.isVisible() and counter.text() == "STAT 1" and not counter.is_flashing

    new = item_factory(7, Priority.STAT, minutes_ago=4)
    fake_hub.items.append(new)
    with qtbot.waitSignal(window.new_stat, timeout=5000) as blocker:
        window.auto_refresh.due.emit()
    assert [i.study_uid for i in blocker.args[0]] == [new.study_uid]
    assert window.stat_banner.isVisible()
    text = window.stat_banner.text.text()
    assert text.startswith("New STAT study on the worklist: CT · CT chest 7 · Ankara")
    assert "waiting" in text
    assert "PATIENT7" not in text  # no patient name in the banner
    assert counter.text() == "STAT 2" and counter.is_flashing
    # Really on screen inside the toolbar (a toolbar ignores show/hide of its widgets).
    toolbar = window.findChild(QToolBar, "worklist_toolbar")
    spot = counter.mapTo(toolbar, QPoint(counter.width() // 2, counter.height() // 2))
    assert toolbar.rect().contains(spot) and counter.width() > 30
    assert toolbar.childAt(spot) is counter
    lit = counter.is_lit
    qtbot.wait(FLASH_INTERVAL_MS + 150)
    assert counter.is_lit != lit  # it blinks

    # The next refresh with nothing new announces nothing more.
    with qtbot.assertNotEmitted(window.new_stat):
        auto_refresh(qtbot, window)
    # "Show" selects the study; "Dismiss" hides the banner and stops the flashing.
    window.stat_banner.show_button.click()
    assert window.selected_item().study_uid == new.study_uid
    window.stat_banner.dismiss_button.click()
    assert not window.stat_banner.isVisible() and not counter.is_flashing


def test_escalated_study_and_released_lock_are_news_but_filter_changes_are_not(
    qtbot, fake_hub, item_factory
):
    window = make_window(qtbot, fake_hub)
    routine = fake_hub.items[0]
    fake_hub.items[0] = replace(routine, priority=Priority.STAT)
    with qtbot.waitSignal(window.new_stat, timeout=5000):
        window.auto_refresh.due.emit()

    held = item_factory(8, Priority.STAT, minutes_ago=2)
    fake_hub.items.append(held)
    fake_hub.hold(held.study_uid, "dr.other")
    with qtbot.assertNotEmitted(window.new_stat):
        auto_refresh(qtbot, window)  # someone else is reading it
    fake_hub.claims.clear()
    with qtbot.waitSignal(window.new_stat, timeout=5000) as blocker:
        window.auto_refresh.due.emit()  # released unread: now it needs a reader
    assert [i.study_uid for i in blocker.args[0]] == [held.study_uid]

    bar = window.filter_bar
    with qtbot.assertNotEmitted(window.new_stat):
        with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
            bar.modality.setCurrentIndex(bar.modality.findText("MR"))
        with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
            bar.clear()  # the STAT studies reappear, but they are not new arrivals


def test_beep_only_when_the_reader_asked_for_it(qtbot, fake_hub, item_factory, monkeypatch):
    beeps = []
    monkeypatch.setattr("workstation.ui.worklist_window.beep", lambda: beeps.append(1))
    window = make_window(qtbot, fake_hub)
    fake_hub.items.append(item_factory(9, Priority.STAT, minutes_ago=1))
    auto_refresh(qtbot, window)
    assert beeps == []
    window.auto_refresh.set_sound(True)
    fake_hub.items.append(item_factory(10, Priority.STAT, minutes_ago=1))
    auto_refresh(qtbot, window)
    assert beeps == [1]
    assert callable(stat_notifier.beep)


def test_banner_names_several_studies_and_waiting_times(qtbot, item_factory):
    from datetime import datetime, timedelta

    from workstation.ui.stat_notifier import StatBanner

    banner = StatBanner()
    qtbot.addWidget(banner)
    now = datetime(2026, 1, 5, 8, 0)
    items = [item_factory(n, Priority.STAT, minutes_ago=m) for n, m in ((1, 5), (2, 130))]
    items.append(replace(item_factory(3, Priority.STAT), study_datetime=now - timedelta(days=3)))
    banner.announce(items, now=now + timedelta(hours=1))
    text = banner.text.text()
    assert text.startswith("3 new STAT studies on the worklist:")
    assert "waiting 1 h 5 min" in text and "waiting 3 h 10 min" in text
    assert "waiting 3 days" in text
    banner.forget(items[0].study_uid)
    assert banner.text.text().startswith("2 new STAT studies")
    banner.forget(items[1].study_uid)
    banner.forget(items[2].study_uid)
    assert banner.items == [] and banner.isHidden()


def test_tracker_ignores_reported_and_foreign_studies(item_factory):
    tracker = NewStatTracker()
    assert tracker.update([item_factory(1, Priority.STAT)], "me") == []
    done = item_factory(2, Priority.STAT, StudyStatus.FINAL)
    mine = replace(item_factory(3, Priority.STAT), claimed_by="me")
    urgent = item_factory(4, Priority.URGENT)
    assert tracker.update([done, urgent], "me") == []
    assert [i.accession for i in tracker.update([mine], "me")] == ["ACC0003"]
    tracker.reset()
    assert tracker.update([item_factory(5, Priority.STAT)], "me") == []
