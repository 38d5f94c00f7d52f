"""Running the application on a DICOMweb archive instead of the hub, and switching
between the two from the sign-in dialog.

On a DICOMweb profile there is no hub sign-in: the archive's credentials are in the
profile (its secret in the keychain), so the worklist opens at once. The archive's studies
are cached under the profile's name (:func:`profile_cache_base`) and address, apart from
the hub's and from other archives'.
"""

from __future__ import annotations

import getpass
import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from workstation.dicomweb.client import DicomWebClient
from workstation.dicomweb.config import AuthKind
from workstation.services.dicomweb_source import DicomWebSource
from workstation.ui.app import AppController, build_main
from workstation.ui.application import create_application
from workstation.ui.cache_session import default_cache_base
from workstation.ui.server_profiles import HUB, ProfileStore, ServerProfile

log = logging.getLogger(__name__)


def build_dicomweb_main(profile: ServerProfile, secret: str, *, author: str = "",
                        cache_base: Path | None = None) -> AppController:
    """A controller reading from ``profile``'s archive, already past sign-in."""
    create_application()
    source = DicomWebSource(DicomWebClient(profile.config(secret)), profile.name,
                            author=author or _reader_name())
    controller = AppController(profile.base_url, client=source,
                               cache_base=profile_cache_base(cache_base, profile),
                               remember_hub=False)
    controller.sign_in_as(source.user())
    return controller


def profile_cache_base(base: Path | None, profile: ServerProfile) -> Path:
    """``<base>/dicomweb/<profile name>``: the cache (and audit queue) of a DICOMweb
    profile, apart from the hub's (``<base>/<host>-<port>``) and from every other
    profile's, even one on the same server (another account, another archive path)."""
    name = re.sub(r"[^A-Za-z0-9._@-]", "_", profile.name).strip(".") or "_"
    return (base or default_cache_base()) / "dicomweb" / name


def _reader_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reader"


class ProfileSwitcher:
    """Keeps the one controller of the profile in use; a profile chosen in the sign-in
    dialog replaces it (the old one is shut down without quitting the application)."""

    def __init__(self, hub_url: str | None, store: ProfileStore | None = None,
                 **kwargs: Any) -> None:
        self.hub_url = hub_url
        self.store = store or ProfileStore()
        self._kwargs = kwargs
        self.controller: AppController | None = None
        self.profile_name: str | None = None  # None until started; HUB for the hub

    def start(self) -> AppController | None:
        name = self.store.current()
        profile = self.store.profile(name) if name else None
        return self.switch(profile)

    def switch(self, profile: ServerProfile | None) -> AppController | None:
        name = profile.name if profile is not None else HUB
        if self.controller is not None and name == self.profile_name:
            return self.controller  # already reading from there
        old = self.controller
        if profile is not None:
            secret = self._secret(profile)
            if secret is None:  # the reader cancelled the password prompt
                return self.controller if self.controller is not None else (
                    self.switch(None) if self.hub_url else None)
            try:
                self.controller = build_dicomweb_main(profile, secret, **self._kwargs)
            except ValueError as exc:  # an unusable address or CA bundle in the profile
                QMessageBox.warning(None, QCoreApplication.translate("Servers", "Servers"),
                                    QCoreApplication.translate(
                                        "Servers", "The DICOMweb profile cannot be used: %1"
                                    ).replace("%1", str(exc)))
                if self.controller is not None or not self.hub_url:
                    return self.controller
                return self.switch(None)  # at start: the hub instead
        elif self.hub_url:
            self.controller = build_main(self.hub_url, **self._kwargs)
        else:
            return None
        self.profile_name = name
        self.store.set_current(name)
        self.controller.profile_chosen.connect(self.switch)
        if old is not None:
            if old.worklist_window is not None:
                old.worklist_window.hide()
                old.worklist_window.deleteLater()
            old.shutdown()
        return self.controller

    def _secret(self, profile: ServerProfile) -> str | None:
        """The profile's password or token from the keychain; asked for when the keychain
        has none (or cannot keep one). None when the reader cancels."""
        secret = self.store.secret(profile.name)
        if secret or profile.auth == AuthKind.NONE.value:
            return secret
        text, ok = QInputDialog.getText(
            None, QCoreApplication.translate("Servers", "DICOMweb sign-in"),
            QCoreApplication.translate("Servers", "Password or token for %1:").replace(
                "%1", profile.name), QLineEdit.EchoMode.Password)
        return text if ok else None

    def shutdown(self) -> None:
        if self.controller is not None:
            self.controller.shutdown()
