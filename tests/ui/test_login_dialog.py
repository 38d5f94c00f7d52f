"""The sign-in dialog: one clear message per hub answer, fields cleared as they should be."""

from __future__ import annotations

import pyotp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from workstation.hub.errors import AuthError, HubError, HubUnreachable
from workstation.ui.login_dialog import LoginDialog


class FakeLoginClient:
    """Answers ``login``/``verify_totp`` with the queued errors, then succeeds."""

    def __init__(self, login_errors=(), verify_errors=()):
        self.login_errors = list(login_errors)
        self.verify_errors = list(verify_errors)
        self.login_calls: list[tuple[str, str]] = []
        self.verify_calls: list[tuple[object, str]] = []

    def login(self, username, password):
        self.login_calls.append((username, password))
        if self.login_errors:
            raise self.login_errors.pop(0)
        return f"challenge-{len(self.login_calls)}"

    def verify_totp(self, challenge, code):
        self.verify_calls.append((challenge, code))
        if self.verify_errors:
            raise self.verify_errors.pop(0)
        from workstation.core.study import UserInfo

        return UserInfo("dr.test", "Dr. Test", "radiologist", ("ankara",))


def make_dialog(qtbot, client, **kwargs) -> LoginDialog:
    dialog = LoginDialog(client, hub_label="hub.test:443", **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(dialog: LoginDialog, username="dr.test", password="secret", code="123456") -> None:
    dialog.findChild(QLineEdit, "username").setText(username)
    dialog.findChild(QLineEdit, "password").setText(password)
    dialog.findChild(QLineEdit, "code").setText(code)


def sign_in_and_wait(qtbot, dialog: LoginDialog) -> None:
    """Click Sign in and wait until the worker answered (the form is enabled again)."""
    button = dialog.findChild(QPushButton, "sign_in")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.isEnabled(), timeout=5000)


def message(dialog: LoginDialog) -> str:
    return dialog.findChild(QLabel, "message").text()


@pytest.mark.parametrize(
    ("error", "expected", "password_cleared"),
    [
        (AuthError("invalid_credentials", "bad", 401), "Wrong username or password", True),
        (AuthError("locked", "locked", 423), "locked", True),
        (AuthError("throttled", "slow down", 429), "Too many attempts", False),
        (HubUnreachable("connection refused"), "Cannot reach the hub at hub.test:443", False),
        (HubError("server_error", "boom", 500), "Sign-in failed: boom", False),
    ],
)
def test_password_step_failures(qtbot, error, expected, password_cleared):
    client = FakeLoginClient(login_errors=[error])
    dialog = make_dialog(qtbot, client)
    fill(dialog)
    sign_in_and_wait(qtbot, dialog)
    assert expected in message(dialog)
    assert (dialog.password.text() == "") is password_cleared
    assert client.verify_calls == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("invalid_code", "code is wrong"),
        ("code_reused", "already been used. Wait for the next code"),
        ("mfa_expired", "expired"),
    ],
)
def test_code_step_failures_clear_only_the_code(qtbot, code, expected):
    client = FakeLoginClient(verify_errors=[AuthError(code, code, 401)])
    dialog = make_dialog(qtbot, client)
    fill(dialog)
    sign_in_and_wait(qtbot, dialog)
    assert expected in message(dialog)
    assert dialog.code.text() == ""
    assert dialog.password.text() == "secret"
    assert dialog.username.text() == "dr.test"


def test_wrong_code_then_right_code_reuses_the_password_step(qtbot):
    client = FakeLoginClient(verify_errors=[AuthError("invalid_code", "", 401)])
    dialog = make_dialog(qtbot, client)
    fill(dialog)
    sign_in_and_wait(qtbot, dialog)
    dialog.code.setText("654321")
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as blocker:
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # Enter submits
    assert blocker.args[0].username == "dr.test"
    assert len(client.login_calls) == 1  # the password was not sent twice
    assert client.verify_calls == [("challenge-1", "123456"), ("challenge-1", "654321")]
    assert dialog.password.text() == "" and dialog.code.text() == ""


def test_expired_challenge_starts_again_from_the_password(qtbot):
    client = FakeLoginClient(verify_errors=[AuthError("mfa_expired", "", 401)])
    dialog = make_dialog(qtbot, client)
    fill(dialog)
    sign_in_and_wait(qtbot, dialog)
    dialog.code.setText("111111")
    with qtbot.waitSignal(dialog.signed_in, timeout=5000):
        dialog.submit()
    assert len(client.login_calls) == 2


def test_successful_sign_in_emits_the_user(qtbot):
    client = FakeLoginClient()
    dialog = make_dialog(qtbot, client)
    fill(dialog)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    assert blocker.args[0].display_name == "Dr. Test"
    assert client.login_calls == [("dr.test", "secret")]


def test_code_field_takes_six_digits_only(qtbot):
    dialog = make_dialog(qtbot, FakeLoginClient())
    qtbot.keyClicks(dialog.code, "12a34-5678")
    assert dialog.code.text() == "123456"


def test_incomplete_form_is_not_sent(qtbot):
    client = FakeLoginClient()
    dialog = make_dialog(qtbot, client)
    fill(dialog, code="123")
    dialog.submit()
    assert "6-digit code" in message(dialog)
    fill(dialog, password="")
    dialog.submit()
    assert "username and password" in message(dialog)
    assert client.login_calls == []


def test_tab_order_is_natural(qtbot):
    dialog = make_dialog(qtbot, FakeLoginClient())
    dialog.username.setFocus()
    order = [dialog.username]
    widget = dialog.username
    for _ in range(3):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert [w.objectName() for w in order] == ["username", "password", "code", "sign_in"]


class DemoAccount:
    username = "dr.demo"
    password = "Demo.Reader.2026"
    totp_secret = "EM6Q7AIPOKDXWT2RXD23X4UYDDCXNNWF"
    display_name = "Dr. Demo"


def test_demo_hint_shows_the_current_code_and_fills_the_form(qtbot):
    dialog = make_dialog(qtbot, FakeLoginClient(), demo_user=DemoAccount())
    hint = dialog.demo_hint
    assert hint is not None and hint.isVisible()
    shown = hint.findChild(QLabel, "demo_code").text().replace(" ", "")
    now = pyotp.TOTP(DemoAccount.totp_secret).now()
    assert len(shown) == 6 and shown.isdigit()
    assert shown == now or hint.current_code() == now  # a step may have ended in between
    assert hint.findChild(QLabel, "demo_remaining").text().endswith("s left")
    qtbot.mouseClick(hint.findChild(QPushButton, "demo_fill"), Qt.MouseButton.LeftButton)
    assert dialog.username.text() == "dr.demo"
    assert dialog.password.text() == "Demo.Reader.2026"
    assert len(dialog.code.text()) == 6


def test_no_demo_hint_for_a_real_hub(qtbot):
    dialog = make_dialog(qtbot, FakeLoginClient())
    assert dialog.demo_hint is None
    assert dialog.findChild(QLabel, "demo_code") is None
