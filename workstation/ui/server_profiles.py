"""Server profiles: read from the reading hub (the default) or from a DICOMweb archive.

Profiles live in QSettings (``servers/profiles``, JSON) with the one in use under
``servers/current``; a DICOMweb profile's password or token goes to the system keychain
(service ``workstation-dicomweb``), never into the settings file. Each profile's studies
are cached under its own name as tenant and under its own host folder, so switching
profiles never mixes two archives' images.

A "Servers…" button is attached to the sign-in dialog; choosing a DICOMweb profile there
switches the application to that archive (no hub sign-in: the profile's credentials are
the archive's).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass

import keyring
from keyring.errors import KeyringError
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.dicomweb.config import AuthKind, DicomWebConfig

log = logging.getLogger(__name__)

PROFILES_KEY = "servers/profiles"
CURRENT_KEY = "servers/current"
HUB = ""  # the name of the hub "profile" in CURRENT_KEY
KEYRING_SERVICE = "workstation-dicomweb"


@dataclass(frozen=True, slots=True)
class ServerProfile:
    """A DICOMweb archive. ``name`` identifies it (and its cache namespace)."""

    name: str
    base_url: str
    auth: str = AuthKind.NONE.value
    username: str = ""
    ca_bundle: str = ""

    def config(self, secret: str = "") -> DicomWebConfig:
        return DicomWebConfig(self.base_url, AuthKind(self.auth), self.username, secret,
                              self.ca_bundle)


class ProfileStore:
    """Profiles in QSettings, secrets in the keychain (``keyring_backend`` for tests)."""

    def __init__(self, settings: QSettings | None = None, keyring_backend=None) -> None:
        self._settings = settings or QSettings()
        self._keyring = keyring_backend

    def profiles(self) -> list[ServerProfile]:
        try:
            raw = json.loads(str(self._settings.value(PROFILES_KEY, "[]") or "[]"))
            return [ServerProfile(**{k: str(v) for k, v in p.items()
                                     if k in ServerProfile.__slots__}) for p in raw]
        except (ValueError, TypeError):
            log.warning("server profiles in the settings are unreadable; ignoring them")
            return []

    def profile(self, name: str) -> ServerProfile | None:
        return next((p for p in self.profiles() if p.name == name), None)

    def save(self, profile: ServerProfile, secret: str | None = None) -> None:
        profile.config()  # validates the address
        others = [p for p in self.profiles() if p.name != profile.name]
        self._settings.setValue(PROFILES_KEY, json.dumps([asdict(p) for p in [*others, profile]]))
        if secret is not None:
            self._set_secret(profile.name, secret)

    def remove(self, name: str) -> None:
        self._settings.setValue(PROFILES_KEY, json.dumps(
            [asdict(p) for p in self.profiles() if p.name != name]))
        if self.current() == name:
            self.set_current(HUB)
        self._set_secret(name, "")

    def current(self) -> str:
        name = str(self._settings.value(CURRENT_KEY, HUB) or HUB)
        return name if name == HUB or self.profile(name) is not None else HUB

    def set_current(self, name: str) -> None:
        self._settings.setValue(CURRENT_KEY, name)

    def secret(self, name: str) -> str:
        try:
            return self._backend().get_password(KEYRING_SERVICE, name) or ""
        except KeyringError:
            return ""

    def _set_secret(self, name: str, secret: str) -> None:
        backend = self._backend()
        try:
            if secret:
                backend.set_password(KEYRING_SERVICE, name, secret)
            elif backend.get_password(KEYRING_SERVICE, name) is not None:
                backend.delete_password(KEYRING_SERVICE, name)
        except KeyringError:
            log.warning("the keychain cannot keep the DICOMweb secret; it must be typed again")

    def _backend(self):
        return self._keyring if self._keyring is not None else keyring.get_keyring()


class ServerProfilesDialog(QDialog):
    """Choose the hub or a DICOMweb profile, and add or edit DICOMweb profiles."""

    def __init__(self, store: ProfileStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Servers"))
        self.store = store
        self.choice = QComboBox()
        self.choice.currentIndexChanged.connect(self._show_profile)
        self.name = QLineEdit()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://pacs.example/dicom-web")
        self.auth = QComboBox()
        for kind, label in ((AuthKind.NONE, self.tr("None")), (AuthKind.BASIC, self.tr("User name and password")),
                            (AuthKind.BEARER, self.tr("Token"))):
            self.auth.addItem(label, kind.value)
        self.username = QLineEdit()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("unchanged"))
        self.ca_bundle = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("DICOMweb address"), self.url)
        form.addRow(self.tr("Sign-in"), self.auth)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password or token"), self.secret)
        form.addRow(self.tr("CA bundle (PEM)"), ca_row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Read studies from")))
        layout.addWidget(self.choice)
        layout.addWidget(self.form_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        self.choice.addItem(self.tr("Reading hub"), HUB)
        for p in self.store.profiles():
            self.choice.addItem(self.tr("DICOMweb: %1").replace("%1", p.name), p.name)
        self.choice.addItem(self.tr("New DICOMweb server…"), None)
        index = self.choice.findData(self.store.current())
        self.choice.setCurrentIndex(max(index, 0))
        self._show_profile()

    def _show_profile(self) -> None:
        name = self.choice.currentData()
        self.form_box.setVisible(name != HUB)
        profile = self.store.profile(name) if name else None
        self.name.setText(profile.name if profile else "")
        self.name.setReadOnly(profile is not None)
        self.url.setText(profile.base_url if profile else "")
        self.auth.setCurrentIndex(max(self.auth.findData(profile.auth if profile else "none"), 0))
        self.username.setText(profile.username if profile else "")
        self.secret.clear()
        self.ca_bundle.setText(profile.ca_bundle if profile else "")

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA bundle"), "",
                                              self.tr("PEM certificates (*.pem *.crt)"))
        if path:
            self.ca_bundle.setText(path)

    def chosen(self) -> ServerProfile | None:
        """The DICOMweb profile chosen (None: the hub)."""
        name = self.choice.currentData()
        return None if name == HUB else self.store.profile(self.name.text().strip())

    def accept(self) -> None:
        if self.choice.currentData() == HUB:
            self.store.set_current(HUB)
            super().accept()
            return
        name = self.name.text().strip()
        if not name:
            self.message.setText(self.tr("Give the server a name."))
            return
        profile = ServerProfile(name, self.url.text().strip(), str(self.auth.currentData()),
                                self.username.text().strip(), self.ca_bundle.text().strip())
        try:
            self.store.save(profile, self.secret.text() or None)
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        self.store.set_current(name)
        super().accept()


def attach_profile_button(dialog: QDialog, on_chosen: Callable[[ServerProfile | None], None],
                          store: ProfileStore | None = None) -> QPushButton:
    """A "Servers…" button at the top of the sign-in dialog; ``on_chosen`` gets the
    DICOMweb profile chosen (None when the reader stays with / goes back to the hub)."""
    button = QPushButton(QCoreApplication.translate("ServerProfiles", "Servers…"))
    button.setObjectName("servers_button")
    button.setToolTip(QCoreApplication.translate(
        "ServerProfiles", "Read from the hub or from a DICOMweb archive (PACS)"))

    def open_dialog() -> None:
        chooser = ServerProfilesDialog(store or ProfileStore(), dialog)
        if chooser.exec() == QDialog.DialogCode.Accepted:
            chosen = chooser.chosen()
            if chosen is not None:
                on_chosen(chosen)

    button.clicked.connect(open_dialog)
    button.setFlat(True)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(button)  # top right, out of the way of the sign-in fields
    layout = dialog.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertLayout(0, row)
    return button


def add_servers_action(window: QMainWindow,
                       on_chosen: Callable[[ServerProfile | None], None],
                       store: ProfileStore | None = None) -> QAction:
    """File ▸ "Servers…" on the worklist: switch to the hub (None) or another archive."""
    from workstation.ui.local_import import file_menu

    action = QAction(QCoreApplication.translate("ServerProfiles", "Servers…"), window)
    action.setObjectName("servers")

    def open_dialog() -> None:
        chooser = ServerProfilesDialog(store or ProfileStore(), window)
        if chooser.exec() == QDialog.DialogCode.Accepted:
            on_chosen(chooser.chosen())

    action.triggered.connect(open_dialog)
    file_menu(window).addAction(action)
    return action
