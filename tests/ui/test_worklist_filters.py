"""The filter bar sends the hub's worklist parameters; saved filters persist per reader."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt

from workstation.core.study import UserInfo
from workstation.ui.saved_filters import SavedFilterStore
from workstation.ui.worklist_filters import TEXT_DEBOUNCE_MS, WorklistFilter
from workstation.ui.worklist_window import PAGE_LIMIT, WorklistWindow

TWO_HOSPITALS = UserInfo("dr.test", "Dr. Test", "radiologist", ("ankara", "izmir"))


def make_window(qtbot, fake_hub, user: UserInfo = TWO_HOSPITALS) -> WorklistWindow:
    window = WorklistWindow(fake_hub.worklist, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    return window


def choose(qtbot, window, combo, label: str) -> None:
    index = combo.findText(label)
    assert index >= 0, label
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        combo.setCurrentIndex(index)


def test_each_filter_maps_to_the_client_parameters(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    bar = window.filter_bar
    assert fake_hub.worklist_params[-1] == {"limit": PAGE_LIMIT}

    choose(qtbot, window, bar.status, "To be read")
    assert fake_hub.worklist_params[-1] == {"status": ["UNREAD", "IN_PROGRESS"], "limit": 200}
    choose(qtbot, window, bar.modality, "CT")
    choose(qtbot, window, bar.hospital, "izmir")
    choose(qtbot, window, bar.priority, "STAT and urgent")
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        bar.date_from.set_value(date(2026, 1, 4))
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        bar.date_to.set_value(date(2026, 1, 5))
    assert fake_hub.worklist_params[-1] == {
        "status": ["UNREAD", "IN_PROGRESS"],
        "modality": "CT",
        "tenant": "izmir",
        "priority": ["STAT", "URGENT"],
        "date_from": date(2026, 1, 4),
        "date_to": date(2026, 1, 5),
        "limit": PAGE_LIMIT,
    }
    assert window.model.rowCount() == 0  # the fake hub filters: no study in izmir

    calls = fake_hub.worklist_calls
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        bar.clear_button.click()
    assert fake_hub.worklist_calls == calls + 1  # one reload for the whole reset
    assert fake_hub.worklist_params[-1] == {"limit": PAGE_LIMIT}
    assert window.model.rowCount() == len(fake_hub.items)
    assert bar.current().is_empty


def test_text_is_sent_once_after_a_pause_in_typing(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    calls = fake_hub.worklist_calls
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        qtbot.keyClicks(window.filter_bar.text, "acc0003")
        assert fake_hub.worklist_calls == calls  # nothing sent while typing
    assert fake_hub.worklist_calls == calls + 1
    assert fake_hub.worklist_params[-1] == {"q": "acc0003", "limit": PAGE_LIMIT}
    assert [i.accession for i in window.model.items()] == ["ACC0003"]
    # Enter sends at once, without waiting for the pause.
    window.filter_bar.text.setText("PATIENT1")
    with qtbot.waitSignal(window.worklist_loaded, timeout=TEXT_DEBOUNCE_MS // 2):
        qtbot.keyClick(window.filter_bar.text, Qt.Key.Key_Return)
    assert fake_hub.worklist_params[-1]["q"] == "PATIENT1"


def test_reversed_date_range_becomes_one_day(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    bar = window.filter_bar
    bar.date_to.set_value(date(2026, 1, 3))
    qtbot.waitUntil(lambda: not window._loading, timeout=5000)
    bar.date_from.set_value(date(2026, 1, 9))
    assert bar.date_to.value() == date(2026, 1, 9)
    bar.date_from.setFocus()
    qtbot.keyClick(bar.date_from, Qt.Key.Key_Delete)
    assert bar.date_from.value() is None


def test_hospitals_come_from_the_readers_tenants(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    combo = window.filter_bar.hospital
    entries = [combo.itemText(i) for i in range(combo.count())]
    # Names are learnt from the loaded worklist; izmir has no study yet, so its id shows.
    assert entries == ["All hospitals", "Ankara City Hospital", "izmir"]
    assert combo.isEnabled()
    single = make_window(qtbot, fake_hub, UserInfo("dr.one", "Dr. One", "radiologist", ("x",)))
    assert not single.filter_bar.hospital.isEnabled()


def test_a_filter_changed_during_a_load_is_sent_after_it(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    window.refresh()  # its answer is handled on the UI thread, so it is still pending below
    window.filter_bar.modality.setCurrentIndex(window.filter_bar.modality.findText("MR"))
    qtbot.waitUntil(lambda: fake_hub.worklist_params[-1].get("modality") == "MR", timeout=5000)
    qtbot.waitUntil(lambda: not window._loading, timeout=5000)
    assert window.model.rowCount() == 0


def test_filter_round_trips_through_json():
    wanted = WorklistFilter(
        status=("UNREAD",),
        modality=("CT", "MR"),
        tenant=("ankara",),
        priority=("STAT",),
        date_from=date(2026, 1, 1),
        date_to=None,
        text="doe",
    )
    assert WorklistFilter.from_dict(wanted.to_dict()) == wanted
    assert WorklistFilter.from_dict({"status": "oops", "date_from": "not a date"}).is_empty


def test_saved_filter_round_trip_per_reader(qtbot, fake_hub):
    window = make_window(qtbot, fake_hub)
    bar, saved = window.filter_bar, window.saved_filters
    choose(qtbot, window, bar.priority, "STAT")
    choose(qtbot, window, bar.modality, "CT")
    saved.save_as("My STAT CT")
    assert saved.combo.currentText() == "My STAT CT"  # the bar matches the saved filter
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        bar.clear()
    assert saved.combo.currentIndex() == 0  # "Saved filters…": nothing saved matches

    # Another window for the same reader (a new session) finds it in QSettings.
    again = make_window(qtbot, fake_hub)
    assert again.saved_filters.store.names() == ["My STAT CT"]
    with qtbot.waitSignal(again.worklist_loaded, timeout=5000):
        again.saved_filters.combo.setCurrentIndex(1)
        again.saved_filters.combo.activated.emit(1)
    assert fake_hub.worklist_params[-1] == {
        "modality": "CT",
        "priority": "STAT",
        "limit": PAGE_LIMIT,
    }
    assert again.filter_bar.priority.currentText() == "STAT"
    assert again.saved_filters.delete_button.isEnabled()

    # Saved per reader: another user name sees none of them.
    assert SavedFilterStore("dr.other").names() == []
    assert SavedFilterStore("dr/test").names() == []  # no settings-group confusion

    again.saved_filters.delete_button.click()
    assert again.saved_filters.store.names() == []
    assert SavedFilterStore("dr.test").names() == []
    assert QSettings().contains("worklist/saved_filters/dr.test")


def test_damaged_saved_filters_are_ignored(qtbot):
    QSettings().setValue("worklist/saved_filters/dr.test", "{not json")
    assert SavedFilterStore("dr.test").names() == []
    store = SavedFilterStore("dr.test")
    store.save("Night", WorklistFilter(priority=("STAT",)))
    assert store.get("Night") == WorklistFilter(priority=("STAT",))
