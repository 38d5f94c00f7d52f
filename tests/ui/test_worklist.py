"""Worklist model and window: reading order, STAT marking, refresh, opening a study."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence

from workstation.core.study import Priority, StudyStatus
from workstation.ui import theme
from workstation.ui.worklist_model import Column, ItemRole, WorklistModel, patient_display_name
from workstation.ui.worklist_window import WorklistWindow


def test_model_orders_stat_first_then_oldest(item_factory):
    items = [
        item_factory(1, Priority.ROUTINE, minutes_ago=500),
        item_factory(2, Priority.URGENT, minutes_ago=30),
        item_factory(3, Priority.STAT, minutes_ago=5),
        item_factory(4, Priority.STAT, minutes_ago=50),
        item_factory(5, Priority.ROUTINE, minutes_ago=10),
    ]
    model = WorklistModel()
    model.set_items(items)
    order = [model.index(r, 0).data(ItemRole).accession for r in range(model.rowCount())]
    assert order == ["ACC0004", "ACC0003", "ACC0002", "ACC0001", "ACC0005"]


def test_stat_rows_are_marked_red_and_bold_urgent_amber(item_factory):
    model = WorklistModel()
    model.set_items(
        [item_factory(1, Priority.STAT), item_factory(2, Priority.URGENT), item_factory(3)]
    )
    stat, urgent, routine = (model.index(r, Column.PRIORITY) for r in range(3))
    assert stat.data() == "STAT"
    assert stat.data(Qt.ItemDataRole.FontRole).bold()
    assert stat.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(theme.STAT_RED)
    assert model.index(0, Column.PATIENT).data(Qt.ItemDataRole.FontRole).bold()
    assert urgent.data() == "URGENT"
    assert urgent.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(theme.URGENT_AMBER)
    assert routine.data(Qt.ItemDataRole.FontRole) is None
    assert routine.data(Qt.ItemDataRole.ForegroundRole) is None


def test_columns_and_reported_status(item_factory):
    model = WorklistModel()
    model.set_items([item_factory(7, Priority.STAT, StudyStatus.FINAL)])
    row = [model.index(0, c).data() for c in Column]
    assert row == [
        "STAT",
        "PATIENT7, TEST",
        "PID0007",
        "ACC0007",
        "CT",
        "CT chest 7",
        "05.01.2026 07:00",
        "Ankara City Hospital",
        "Reported (final)",
        "",
        "",
        "1",
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers[0] == "Priority" and headers[-1] == "Priors"
    # A reported STAT study no longer shouts: not bold, status in green.
    assert model.index(0, Column.PATIENT).data(Qt.ItemDataRole.FontRole) is None
    status_colour = model.index(0, Column.STATUS).data(Qt.ItemDataRole.ForegroundRole).color()
    assert status_colour == QColor(theme.OK_GREEN)


def test_patient_display_name():
    assert patient_display_name("DOE^JANE^M") == "DOE, JANE M"
    assert patient_display_name("DOE") == "DOE"
    assert patient_display_name("") == ""


def make_window(qtbot, fake_hub) -> WorklistWindow:
    from workstation.core.study import UserInfo

    window = WorklistWindow(fake_hub.worklist, UserInfo("dr.test", "Dr. Test", "radiologist"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_refresh_loads_and_title_has_no_patient_data(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000) as blocker:
        window.refresh()
    assert blocker.args == [4]
    assert window.is_loaded
    assert window.windowTitle() == "Worklist — Dr. Test"
    for item in fake_hub.items:
        assert item.patient_name.split("^")[0] not in window.windowTitle()
    assert window.model.item(0).priority is Priority.STAT
    assert "4 studies" in window.status_label.text()
    assert "1 STAT unread" in window.status_label.text()


def test_f5_refreshes_and_keeps_the_selection(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    window.select_study(fake_hub.items[0].study_uid)
    # Shortcuts need an active window, which a display without a window manager may not
    # grant: check the binding, then trigger the action as the shortcut would.
    assert window.refresh_action.shortcut() == QKeySequence(Qt.Key.Key_F5)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh_action.trigger()
    assert fake_hub.worklist_calls == 2
    assert window.selected_item().study_uid == fake_hub.items[0].study_uid


def test_enter_and_double_click_open_the_study(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    window.table.setFocus()
    window.select_study(fake_hub.items[2].study_uid)
    with qtbot.waitSignal(window.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert blocker.args[0].study_uid == fake_hub.items[2].study_uid
    index = window.model.index(0, Column.PATIENT)
    rect = window.table.visualRect(index)
    # A real double-click is press, release, then the double-click event.
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.open_requested, timeout=1000) as blocker:
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].priority is Priority.STAT


def test_unreachable_hub_is_reported(qtbot, fake_hub):
    from workstation.hub.errors import HubUnreachable

    def fail(**_filters):
        raise HubUnreachable()

    from workstation.core.study import UserInfo

    window = WorklistWindow(fail, UserInfo("dr.test", "Dr. Test", "radiologist"))
    qtbot.addWidget(window)
    window.refresh()
    qtbot.waitUntil(lambda: "cannot be reached" in window.status_label.text(), timeout=5000)
    assert not window.is_loaded


def test_stat_badge_is_painted_red(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    window.table.clearSelection()
    window.table.setCurrentIndex(window.model.index(3, 1))
    image = window.table.viewport().grab().toImage()
    unread_stat = window.model.row_of(fake_hub.items[1].study_uid)  # row 0 is reported
    rect = window.table.visualRect(window.model.index(unread_stat, Column.PRIORITY))
    red = QColor(theme.STAT_RED)
    colours = [image.pixelColor(x, rect.center().y()) for x in range(rect.left(), rect.right())]

    def near(c: QColor) -> bool:  # the test display may have 16-bit colour
        return (
            max(abs(c.red() - red.red()), abs(c.green() - red.green()), abs(c.blue() - red.blue()))
            <= 12
        )

    run = longest = 0
    for colour in colours:
        run = run + 1 if near(colour) else 0
        longest = max(longest, run)
    assert longest >= 5  # a filled pill, not the thin strokes of red text


def test_claim_critical_and_priors_columns(item_factory):
    from dataclasses import replace
    from datetime import UTC, datetime

    expires = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    mine = replace(item_factory(1), claimed_by="dr.test", claim_expires_at=expires)
    theirs = replace(item_factory(2), claimed_by="dr.other", claim_expires_at=expires)
    critical = replace(item_factory(3, status=StudyStatus.FINAL), open_critical=2)
    free = replace(item_factory(3 * 7), priors_count=0)
    model = WorklistModel(username="dr.test")
    model.set_items([mine, theirs, critical, free])

    def cell(item, col, role=Qt.ItemDataRole.DisplayRole):
        return model.index(model.row_of(item.study_uid), col).data(role)

    tooltip = Qt.ItemDataRole.ToolTipRole
    local = expires.astimezone().strftime("%H:%M")
    assert model.headerData(Column.CLAIM, Qt.Orientation.Horizontal) == "Reader"
    assert cell(mine, Column.CLAIM) == "Mine"
    assert cell(mine, Column.CLAIM, tooltip) == f"You hold the reading lock until {local}."
    assert cell(theirs, Column.CLAIM) == "Held by dr.other"
    assert local in cell(theirs, Column.CLAIM, tooltip)
    assert cell(free, Column.CLAIM) == "" and cell(free, Column.CLAIM, tooltip) is None
    assert cell(mine, Column.CLAIM, Qt.ItemDataRole.ForegroundRole).color() == QColor(
        theme.MINE_BLUE
    )
    assert cell(theirs, Column.CLAIM, Qt.ItemDataRole.ForegroundRole).color() == QColor(
        theme.WARN_TEXT
    )
    assert cell(critical, Column.CRITICAL) == "\u26a0 2 unacknowledged"
    assert "2 critical result communications not yet acknowledged" in cell(
        critical, Column.CRITICAL, tooltip
    )
    assert cell(mine, Column.CRITICAL) == ""
    # Priors show as a number, zero included (dimmed), so "none" is visibly "none".
    assert cell(mine, Column.PRIORS) == "1"
    assert cell(free, Column.PRIORS) == "0"
    assert cell(free, Column.PRIORS, Qt.ItemDataRole.ForegroundRole).color() == QColor(
        theme.DIM_TEXT
    )
    # A claim changes one row in place.
    assert model.replace_item(replace(free, claimed_by="dr.test"))
    assert cell(free, Column.CLAIM) == "Mine"


def test_critical_badge_is_painted_as_an_outlined_pill(qtbot, fake_hub):
    from dataclasses import replace

    fake_hub.items[3] = replace(fake_hub.items[3], open_critical=1)
    window = make_window(qtbot, fake_hub)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    window.table.clearSelection()
    row = window.model.row_of(fake_hub.items[3].study_uid)
    window.table.setCurrentIndex(window.model.index((row + 1) % 4, 1))
    rect = window.table.visualRect(window.model.index(row, Column.CRITICAL))
    assert rect.width() >= window.table.fontMetrics().horizontalAdvance("⚠ 1 unacknowledged")
    image = window.table.viewport().grab().toImage()
    red = QColor(theme.STAT_RED)
    y = rect.center().y()
    reds = [
        x
        for x in range(rect.left(), rect.right())
        if max(
            abs(image.pixelColor(x, y).red() - red.red()),
            abs(image.pixelColor(x, y).green() - red.green()),
        )
        <= 40
        and image.pixelColor(x, y).red() > 150
    ]
    assert reds, "no badge outline or text in the critical column"


def test_description_stays_readable_and_the_hospital_yields(qtbot, item_factory):
    from dataclasses import replace

    from workstation.ui.worklist_table import WorklistTable

    model = WorklistModel()
    long_name = "Ankara Demo Eğitim ve Araştırma Hastanesi Radyoloji Kliniği"
    model.set_items([replace(item_factory(1), description="Toraks BT (kontrastlı)",
                             hospital=long_name)])
    table = WorklistTable(model)
    qtbot.addWidget(table)
    table.resize(1400, 400)
    table.show()
    qtbot.waitExposed(table)
    table.fit_columns()
    wanted = table.fontMetrics().horizontalAdvance("Toraks BT (kontrastlı)")
    assert table.columnWidth(Column.DESCRIPTION) >= wanted  # not elided
    assert model.index(0, Column.HOSPITAL).data(Qt.ItemDataRole.ToolTipRole) == long_name
