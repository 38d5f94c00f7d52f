"""Session loss: a re-login dialog over the open study, and nothing open or unsent is lost."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workstation.core.window import Window
from workstation.hub.errors import AuthError
from workstation.ui.study_claim import ClaimState

SERIES_WAIT_MS = 60_000


def expired() -> AuthError:
    return AuthError("session_expired", "refresh token refused", 401)


def open_and_read(qtbot, app, item):
    viewer = app.open_study(item)
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=SERIES_WAIT_MS)
    qtbot.waitUntil(lambda: app.desk.claim.state is ClaimState.MINE, timeout=5000)
    return viewer


def sign_in_again(qtbot, app) -> None:
    dialog = app.session.dialog
    dialog.password.setText("secret")
    dialog.code.setText("654321")
    with qtbot.waitSignal(app.session.restored, timeout=10_000):
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)


def test_relogin_keeps_the_viewer_its_slice_window_and_report_text(qtbot, signed_in_app, fake_hub):
    app, worklist = signed_in_app, signed_in_app.worklist_window
    viewer = open_and_read(qtbot, app, fake_hub.items[1])
    view = viewer.viewport.slice_view
    view.set_slice(7)
    view.set_window(Window(center=60, width=350))
    panel = viewer.report_panel
    panel.findings.setPlainText("Right lower lobe consolidation, 4 cm.")
    panel.impression.setPlainText("Pneumonia")
    viewer.activateWindow()
    panel.impression.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.impression, timeout=5000)
    logins, calls = fake_hub.logins, fake_hub.worklist_calls

    # The next hub call finds the session gone (the client's refresh was refused).
    fake_hub.fail_next["worklist"] = [expired()]
    worklist.auto_refresh.due.emit()
    qtbot.waitUntil(lambda: app.session.dialog is not None, timeout=5000)
    dialog = app.session.dialog
    assert dialog.parentWidget() is viewer  # over the open study
    assert not dialog.isModal()
    assert dialog.windowTitle() == "Sign in again — Workstation"
    assert dialog.username.text() == "dr.test" and dialog.username.isReadOnly()
    assert (
        "report text stay as they are"
        in dialog.findChild(type(dialog.message), "relogin_notice").text()
    )
    assert viewer.isVisible() and app.viewer_window is viewer
    # A second failure while the dialog is up does not stack another dialog.
    fake_hub.on_session_lost()
    qtbot.wait(50)
    assert app.session.dialog is dialog

    sign_in_again(qtbot, app)
    assert fake_hub.logins == logins + 1
    assert app.session.dialog is None and not app.session.is_lost
    assert app.viewer_window is viewer and viewer.isVisible()
    assert view.slice_index == 7
    assert (view.window.width, view.window.center) == (350, 60)
    assert panel.findings.toPlainText() == "Right lower lobe consolidation, 4 cm."
    assert panel.impression.toPlainText() == "Pneumonia"
    assert panel.submit_button.isEnabled()
    # The failed reload was sent again, and the keyboard is back where the reader was.
    qtbot.waitUntil(lambda: fake_hub.worklist_calls >= calls + 2, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.impression, timeout=5000)


def test_a_report_refused_for_the_session_can_be_sent_after_relogin(qtbot, signed_in_app, fake_hub):
    app = signed_in_app
    viewer = open_and_read(qtbot, app, fake_hub.items[0])
    panel = viewer.report_panel
    panel.findings.setPlainText("No focal lesion.")
    panel.impression.setPlainText("Normal study.")
    fake_hub.fail_next["submit_report"] = [expired()]
    with qtbot.waitSignal(panel.submit_failed, timeout=10_000):
        panel.submit()
    key = panel._draft.idempotency_key
    qtbot.waitUntil(lambda: app.session.dialog is not None, timeout=5000)
    assert "Your text is kept" in panel.message.text()

    sign_in_again(qtbot, app)
    assert fake_hub.submitted == []  # signing is the reader's decision, not retried alone
    assert "signed in again" in panel.message.text()
    assert panel.findings.toPlainText() == "No focal lesion."
    with qtbot.waitSignal(panel.submitted, timeout=10_000):
        assert panel.submit()
    assert [d.idempotency_key for d in fake_hub.submitted] == [key]


def test_loading_and_the_reading_lock_resume_after_relogin(qtbot, signed_in_app, fake_hub):
    app = signed_in_app
    fake_hub.fail_next["study"] = [expired()]
    fake_hub.fail_next["claim"] = [expired()]
    viewer = app.open_study(fake_hub.items[1])
    qtbot.waitUntil(lambda: app.session.dialog is not None, timeout=5000)
    qtbot.waitUntil(lambda: "sign in again" in viewer.status.text().lower(), timeout=5000)
    assert app.desk.claim.state is ClaimState.PENDING
    assert app.session.pending == 2  # the study load and the lock

    sign_in_again(qtbot, app)
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=SERIES_WAIT_MS)
    qtbot.waitUntil(lambda: app.desk.claim.state is ClaimState.MINE, timeout=5000)
    assert fake_hub.claim_calls == [fake_hub.items[1].study_uid] * 2
    assert app.viewer_window is viewer


def test_client_callback_from_a_worker_thread_and_dismissing(qtbot, signed_in_app, fake_hub):
    app, worklist = signed_in_app, signed_in_app.worklist_window
    thread = threading.Thread(target=fake_hub.on_session_lost)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: app.session.dialog is not None, timeout=5000)
    assert app.session.dialog.parentWidget() is worklist
    assert not worklist.auto_refresh.is_active

    app.session.dialog.reject()  # the reader closes it to look at something first
    assert app.session.dialog is None and app.session.is_lost
    assert "Signed out" in worklist.status_label.text()
    fake_hub.fail_next["worklist"] = [expired()]
    worklist.refresh_action.trigger()  # F5: the hub refuses again, the dialog returns
    qtbot.waitUntil(lambda: app.session.dialog is not None, timeout=5000)
    with qtbot.waitSignal(worklist.worklist_loaded, timeout=10_000):
        sign_in_again(qtbot, app)
    assert worklist.auto_refresh.is_active


def test_dialog_survives_the_viewer_closing_under_it(qtbot, signed_in_app, fake_hub):
    app = signed_in_app
    viewer = open_and_read(qtbot, app, fake_hub.items[0])
    fake_hub.on_session_lost()
    qtbot.waitUntil(lambda: app.session.dialog is not None, timeout=5000)
    dialog = app.session.dialog
    assert dialog.parentWidget() is viewer
    dialog.password.setText("secret")
    viewer.close()
    qtbot.wait(50)
    assert app.session.dialog is dialog
    assert dialog.parentWidget() is app.worklist_window and dialog.isVisible()
    assert dialog.password.text() == "secret"
    dialog.code.setText("111111")
    with qtbot.waitSignal(app.session.restored, timeout=10_000):
        dialog.submit()
