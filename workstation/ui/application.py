"""Process-wide Qt set-up: the QApplication, its names, theme and translations.

Application and organisation names decide where ``QSettings`` keeps the last hub address
and user name. The interface language follows the reader's setting, else the system
(:mod:`workstation.ui.i18n`).
"""

from __future__ import annotations

import logging
import os
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from workstation import __version__
from workstation.ui import accessibility, i18n, settings_values
from workstation.ui.theme import apply_theme

log = logging.getLogger(__name__)

APP_NAME = "Workstation"
ORG_NAME = "Workstation"
ORG_DOMAIN = "workstation.local"



def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once and configured; an existing one is reused."""
    if sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ:
        # The VTK viewport embeds an X11 (GLX) window; under Wayland sessions this runs
        # through XWayland.
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    configure(app)
    return app


def configure(app: QApplication) -> None:
    """Names for QSettings, the dark theme and the translators."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationVersion(__version__)
    apply_theme(app)
    install_translators(app)
    settings_values.load_user_presets()
    accessibility.install(app)


def install_translators(app: QApplication, language: str | None = None) -> str:
    """Qt's own strings and the workstation's in the reader's language (see
    :mod:`workstation.ui.i18n`); returns the language installed."""
    return i18n.install(app, language)


def quit_on_sigint(app: QApplication) -> None:
    """Ctrl+C in the terminal closes the application cleanly (the event loop otherwise
    never gives Python a chance to run its signal handler)."""
    # exit(), not quit(): quit() first asks every window to close, and a window that
    # reacts to its closing (the sign-in dialog) would turn the interrupt into a no-op.
    signal.signal(signal.SIGINT, lambda *_: app.exit(130))
    timer = QTimer(app)
    timer.setInterval(250)
    timer.timeout.connect(lambda: None)
    timer.start()
