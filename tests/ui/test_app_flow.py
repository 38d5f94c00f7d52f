"""The whole application flow on a fake hub: sign in, worklist, viewer, report, refresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from workstation.core.study import Priority, StudyStatus

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.app import LAST_HUB_KEY, LAST_USER_KEY, build_main  # noqa: E402

HUB = "https://hub.test:8443"


@pytest.fixture
def controller(qtbot, fake_hub, cache_base, session_key):
    c = build_main(HUB, client=fake_hub, cache_base=cache_base)
    yield c
    c.shutdown()
    for window in (c.viewer_window, c.worklist_window, c.login_dialog):
        if window is not None:
            window.hide()
            window.deleteLater()


def sign_in(qtbot, controller) -> None:
    with qtbot.waitSignal(controller.signed_in, timeout=10_000):
        controller.sign_in("dr.test", "secret", "123456")
    qtbot.waitUntil(lambda: controller.worklist_window.is_loaded, timeout=10_000)


def test_sign_in_shows_the_worklist_and_the_cache_notice(qtbot, controller, fake_hub):
    dialog = controller.login_dialog
    assert dialog is not None and dialog.isVisible()
    assert "hub.test:8443" in dialog.findChild(type(dialog.message), "hub_label").text()
    sign_in(qtbot, controller)
    window = controller.worklist_window
    assert controller.login_dialog is None
    assert window.isVisible()
    assert window.model.rowCount() == len(fake_hub.items)
    assert window.model.item(0).priority is Priority.STAT
    assert window.banner.isVisible()
    assert "keychain" in window.banner.text()
    assert controller.cache.temporary_root is not None  # session-only key: own folder
    settings = QSettings()
    assert settings.value(LAST_HUB_KEY) == HUB
    assert settings.value(LAST_USER_KEY) == "dr.test"


def test_open_study_report_and_worklist_refresh(qtbot, controller, fake_hub):
    sign_in(qtbot, controller)
    window = controller.worklist_window
    stat = window.model.item(0)
    with qtbot.waitSignal(controller.viewer_opened, timeout=5000):
        window.open_requested.emit(stat)
    viewer = controller.viewer_window
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
    assert viewer.viewport.slice_view.stack is not None
    panel = viewer.report_panel
    panel.findings.setPlainText("Consolidation in the right lower lobe.")
    panel.impression.setPlainText("Pneumonia.")
    with qtbot.waitSignal(window.worklist_loaded, timeout=10_000):
        with qtbot.waitSignal(panel.submitted, timeout=10_000):
            panel.submit()
    row = window.model.row_of(stat.study_uid)
    assert window.model.item(row).status is StudyStatus.FINAL
    assert "Reported" in window.model.index(row, 8).data()


def test_opening_another_study_closes_the_first_viewer(qtbot, controller, fake_hub):
    sign_in(qtbot, controller)
    first = controller.open_study(fake_hub.items[0].study_uid)
    second = controller.open_study(fake_hub.items[1])
    assert first.loader.cancelled
    assert controller.viewer_window is second
    qtbot.waitUntil(lambda: second.is_series_ready, timeout=60_000)


def test_shutdown_signs_out_and_removes_the_session_cache(qtbot, controller, fake_hub):
    sign_in(qtbot, controller)
    root = controller.cache.temporary_root
    assert root.exists()
    controller.shutdown()
    assert fake_hub.logged_out
    assert not root.exists()


def test_wrong_code_keeps_the_dialog_open(qtbot, controller, fake_hub):
    from workstation.hub.errors import AuthError

    fake_hub.verify_errors.append(AuthError("invalid_code", "", 401))
    dialog = controller.login_dialog
    controller.sign_in("dr.test", "secret", "000000")
    qtbot.waitUntil(lambda: "code is wrong" in dialog.message.text(), timeout=5000)
    assert controller.worklist_window is None
    sign_in_code = "123456"
    with qtbot.waitSignal(controller.signed_in, timeout=10_000):
        controller.sign_in("dr.test", "secret", sign_in_code)


def test_no_patient_data_in_logs(qtbot, controller, fake_hub, caplog):
    caplog.set_level("DEBUG")
    sign_in(qtbot, controller)
    viewer = controller.open_study(fake_hub.items[1])
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
    viewer.report_panel.findings.setPlainText("F")
    viewer.report_panel.impression.setPlainText("I")
    with qtbot.waitSignal(viewer.report_panel.submitted, timeout=10_000):
        viewer.report_panel.submit()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "series on screen" in text  # the viewer did log
    for item in fake_hub.items:
        for value in (item.patient_name, item.patient_id, item.accession, item.study_uid):
            assert value not in text


def test_expired_session_asks_to_sign_in_again(qtbot, controller, fake_hub):
    from workstation.hub.errors import AuthError

    sign_in(qtbot, controller)
    window = controller.worklist_window
    calls = fake_hub.worklist_calls
    fake_hub.fail_next["worklist"] = [AuthError("session_expired", "expired", 401)]
    window.refresh()
    qtbot.waitUntil(lambda: controller.session.dialog is not None, timeout=5000)
    dialog = controller.session.dialog
    assert controller.login_dialog is None
    assert dialog.parentWidget() is window  # no study open: over the worklist
    assert dialog.username.text() == "dr.test" and dialog.username.isReadOnly()
    assert not window.auto_refresh.is_active  # every reload would fail meanwhile
    with qtbot.waitSignal(window.worklist_loaded, timeout=10_000):
        controller.sign_in("dr.test", "secret", "123456")
    assert controller.session.dialog is None
    assert controller.worklist_window is window
    assert fake_hub.worklist_calls == calls + 2  # the failed reload was sent again
    assert window.auto_refresh.is_active
