"""The idle lock: a fake clock drives the idle time; locking hides every window and its
title, swallows input meant for them, and unlocking (password + code) brings everything
back exactly as it was."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

from workstation.ui.idle_lock import IdleLock, lock_now
from workstation.ui.idle_lock_unlock import UnlockFailure, UnlockRefused, UnlockResult

PATIENT = "YILMAZ^AYSE"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _verifier(calls):
    def verify(username, password, code):
        calls.append((username, password, code))
        if (password, code) != ("right-pass", "123456"):
            raise UnlockRefused(UnlockFailure.WRONG)
        return UnlockResult(online=True)
    return verify


def _windows(qtbot):
    viewer = QMainWindow()
    viewer.setWindowTitle(f"CT — {PATIENT}")
    report = QPlainTextEdit()
    report.setObjectName("report")
    report.setPlainText("Findings: unsaved draft text")
    viewer.setCentralWidget(report)
    worklist = QMainWindow()
    worklist.setWindowTitle(f"Worklist — {PATIENT}")
    for w in (viewer, worklist):
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
    return viewer, report, worklist


def _lock(qtbot, clock, calls, idle=60.0):
    lock = IdleLock(username="dr.demo", reader_label="Dr. Demo", verify=_verifier(calls),
                    idle_seconds=idle, clock=clock, check_interval_ms=60_000)
    return lock


def test_locks_after_idle_time_and_input_resets_the_timer(qtbot):
    clock, calls = Clock(), []
    viewer, report, worklist = _windows(qtbot)
    lock = _lock(qtbot, clock, calls)
    try:
        clock.now += 50
        qtbot.keyClick(report, Qt.Key.Key_A)  # activity seen by the app-wide filter
        clock.now += 50
        assert not lock.check() and not lock.is_locked  # only 50 s since the key press
        clock.now += 11
        with qtbot.waitSignal(lock.locked, timeout=2000):
            assert lock.check()
        assert lock.is_locked
        visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        assert visible == [lock.screen]
        for w in (viewer, worklist):
            assert not w.isVisible() and PATIENT not in w.windowTitle()
            assert w.windowTitle() == "Workstation — locked"
    finally:
        lock.stop()
    # stop() while locked gives everything back (sign-out, shutdown).
    assert viewer.isVisible() and viewer.windowTitle() == f"CT — {PATIENT}"


def test_input_is_swallowed_while_locked_and_unlock_restores_everything(qtbot):
    clock, calls = Clock(), []
    viewer, report, worklist = _windows(qtbot)
    report.setFocus()
    report.moveCursor(report.textCursor().MoveOperation.End)
    lock = _lock(qtbot, clock, calls)
    try:
        lock_now()
        assert lock.is_locked
        screen = lock.screen
        qtbot.waitExposed(screen)
        # A key meant for the hidden report does nothing.
        QApplication.sendEvent(report, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X,
                                                 Qt.KeyboardModifier.NoModifier, "x"))
        assert report.toPlainText() == "Findings: unsaved draft text"
        # Idle time does not run while locked.
        clock.now += 10_000
        assert not lock.check()

        qtbot.keyClicks(screen.password, "wrong")
        qtbot.keyClicks(screen.code, "000000")
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Wrong password" in screen.message.text(), timeout=5000)
        assert lock.is_locked and not viewer.isVisible()
        assert screen.password.text() == "" and screen.code.text() == ""

        qtbot.keyClicks(screen.password, "right-pass")
        qtbot.keyClicks(screen.code, "123456")
        with qtbot.waitSignal(lock.unlocked, timeout=5000) as unlocked:
            qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
        assert unlocked.args == [True]
        assert calls[-1] == ("dr.demo", "right-pass", "123456")
        assert not lock.is_locked and not screen.isVisible()
        assert viewer.isVisible() and worklist.isVisible()
        assert viewer.windowTitle() == f"CT — {PATIENT}"
        assert worklist.windowTitle() == f"Worklist — {PATIENT}"
        assert report.toPlainText() == "Findings: unsaved draft text"
        assert screen.password.text() == ""  # the password does not linger in the widget
        # Idle counting starts again from the unlock.
        clock.now += 59
        assert not lock.check()
    finally:
        lock.stop()


def test_lock_now_shortcut_on_an_attached_window(qtbot):
    clock, calls = Clock(), []
    viewer, report, worklist = _windows(qtbot)
    lock = _lock(qtbot, clock, calls)
    try:
        action = lock.attach(worklist)
        assert [s.toString() for s in action.shortcuts()] == ["Ctrl+Alt+L"]
        worklist.activateWindow()
        qtbot.waitUntil(worklist.isActiveWindow, timeout=3000)
        qtbot.keyClick(worklist, Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
        # The lock screen cannot be closed: it is the only way back.
        lock.screen.close()
        assert lock.screen.isVisible()
    finally:
        lock.stop()


def test_a_window_opening_while_locked_stays_hidden_until_unlock(qtbot):
    clock, calls = Clock(), []
    viewer, report, worklist = _windows(qtbot)
    lock = _lock(qtbot, clock, calls)
    try:
        lock.lock()
        notice = QMainWindow()
        qtbot.addWidget(notice)
        notice.setWindowTitle(f"New STAT study — {PATIENT}")
        notice.show()  # e.g. a notification raised by a worklist refresh
        qtbot.waitUntil(lambda: not notice.isVisible(), timeout=2000)
        assert PATIENT not in notice.windowTitle()
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [lock.screen]
        lock.screen.password.setText("right-pass")
        lock.screen.code.setText("123456")
        with qtbot.waitSignal(lock.unlocked, timeout=5000):
            lock.screen.submit()
        assert notice.isVisible() and notice.windowTitle() == f"New STAT study — {PATIENT}"
        assert notice.windowOpacity() == 1.0
    finally:
        lock.stop()


def test_an_open_modal_dialog_does_not_block_the_lock_screen(qtbot):
    from PySide6.QtWidgets import QMessageBox

    clock, calls = Clock(), []
    viewer, report, worklist = _windows(qtbot)
    box = QMessageBox(QMessageBox.Icon.Question, "Unsent report", f"Discard {PATIENT}?",
                      QMessageBox.StandardButton.Cancel, viewer)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.show()
    qtbot.waitExposed(box)
    assert QApplication.activeModalWidget() is box
    lock = _lock(qtbot, clock, calls)
    try:
        lock.lock()
        assert not box.isVisible()
        assert QApplication.activeModalWidget() is lock.screen
        lock.screen.password.setText("right-pass")
        lock.screen.code.setText("123456")
        with qtbot.waitSignal(lock.unlocked, timeout=5000):
            lock.screen.submit()
        assert box.isVisible() and QApplication.activeModalWidget() is box
    finally:
        lock.stop()
        box.hide()
