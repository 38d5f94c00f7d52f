"""The sign-in dialog's "Work offline": offered only when the hub is unreachable, and every
refusal explained."""

from __future__ import annotations

from workstation.hub.errors import AuthError, HubUnreachable
from workstation.services.offline_login import OfflineReason, OfflineUnlockError
from workstation.ui.login_dialog import LoginDialog


def dialog_for(qtbot, fake_hub, unlock):
    dialog = LoginDialog(fake_hub, hub_label="hub.test:8443", username="dr.test",
                         offline_unlock=unlock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("secret")
    dialog.code.setText("123456")
    return dialog


def test_offered_only_when_the_hub_is_unreachable(qtbot, fake_hub):
    fake_hub.login_errors = [AuthError("invalid_credentials", "no", 401),
                             HubUnreachable("down")]
    dialog = dialog_for(qtbot, fake_hub, lambda u, p: None)
    dialog.submit()
    qtbot.waitUntil(lambda: "Wrong username" in dialog.message.text(), timeout=5_000)
    assert not dialog.work_offline.isVisible()
    dialog.password.setText("secret")
    dialog.code.setText("123456")
    dialog.submit()
    qtbot.waitUntil(dialog.work_offline.isVisible, timeout=5_000)
    assert "Work offline" in dialog.message.text()


def test_no_offline_button_without_an_unlock(qtbot, fake_hub):
    fake_hub.login_errors = [HubUnreachable("down")]
    dialog = dialog_for(qtbot, fake_hub, None)
    dialog.submit()
    qtbot.waitUntil(lambda: "Cannot reach" in dialog.message.text(), timeout=5_000)
    assert not dialog.work_offline.isVisible()


def test_refusals_are_explained_and_success_is_signalled(qtbot, fake_hub):
    answers: list[object] = [OfflineUnlockError(OfflineReason.NEVER_SIGNED_IN),
                             OfflineUnlockError(OfflineReason.WRONG_PASSWORD), "session"]
    seen: list[tuple[str, str]] = []

    def unlock(username: str, password: str) -> object:
        seen.append((username, password))
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    fake_hub.login_errors = [HubUnreachable("down")]
    dialog = dialog_for(qtbot, fake_hub, unlock)
    dialog.submit()
    qtbot.waitUntil(dialog.work_offline.isVisible, timeout=5_000)
    dialog.work_offline.click()
    qtbot.waitUntil(lambda: "earlier online sign-in" in dialog.message.text(), timeout=5_000)
    dialog.work_offline.click()
    qtbot.waitUntil(lambda: "for working offline" in dialog.message.text(), timeout=5_000)
    assert dialog.password.text() == ""  # a wrong password is typed again
    dialog.work_offline.click()
    assert "Enter your username and password" in dialog.message.text()
    dialog.password.setText("secret2")
    with qtbot.waitSignal(dialog.offline_unlocked, timeout=5_000) as done:
        dialog.work_offline.click()
    assert done.args == ["session"]
    assert seen == [("dr.test", "secret"), ("dr.test", "secret"), ("dr.test", "secret2")]
