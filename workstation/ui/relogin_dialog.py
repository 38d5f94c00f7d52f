"""Sign-in dialog shown when the hub ended the session in the middle of the work.

It is the ordinary sign-in (password, then the 6-digit code) with the user name fixed: the
image cache and the open study belong to this reader, so only they may continue. It sits
over the open study as a non-modal child window, so the images stay visible (and cached
series keep scrolling) while the reader looks for their authenticator, and nothing in the
viewer or the report is touched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workstation.ui.demo_hint import DemoAccount
from workstation.ui.login_dialog import LoginClient, LoginDialog


class ReloginDialog(LoginDialog):
    """Password and code for ``username``; ``signed_in(UserInfo)`` when the hub accepted."""

    def __init__(
        self,
        client: LoginClient,
        *,
        username: str,
        hub_label: str,
        demo_user: DemoAccount | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            client, hub_label=hub_label, demo_user=demo_user, username=username, parent=parent
        )
        self.setObjectName("relogin_dialog")
        self.setWindowTitle(self.tr("Sign in again — Workstation"))
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.heading.setText(self.tr("Your session has ended"))
        self.username.setReadOnly(True)
        self.username.setToolTip(
            self.tr("Only the reader who opened this session can continue it.")
        )
        notice = QLabel(
            self.tr(
                "The hub no longer accepts this session: it expired or was ended elsewhere. "
                "Sign in again to continue. The open study, its images and your report "
                "text stay as they are."
            )
        )
        notice.setObjectName("relogin_notice")
        notice.setWordWrap(True)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, notice)
        self.password.setFocus()
