"""Interface language: Turkish or English, following the system unless the reader chose.

The choice is kept per user in ``QSettings`` under ``ui/language`` ("system", "tr" or
"en"). Changing it installs the other catalogue at once; windows built afterwards use it,
and windows already open are rebuilt by their owners on ``LanguageChange`` events where
they support it (the settings dialog says a restart completes the switch otherwise).
Dates and numbers follow the same locale through ``QLocale.setDefault``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

SETTING = "ui/language"
SUPPORTED = ("tr", "en")
SYSTEM = "system"

_ROOT = Path(__file__).resolve().parents[2]
_TRANSLATION_DIRS = (_ROOT / "translations", Path(__file__).resolve().parent / "translations")
_installed: list[QTranslator] = []


class CatalogueTranslator(QTranslator):
    """The workstation's catalogue, looked up by context and then context-free.

    PySide6 passes the *runtime* class name as context (a subclass, or the class of the
    object whose ``tr`` was called), while lupdate records the class the call is written
    in; the compiled catalogue therefore also holds every message under ``@``
    (packaging/translations.py) and this translator falls back to it.
    """

    FALLBACK = "@"

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = super().translate(context, source, disambiguation, n)
        if not found and context != self.FALLBACK:
            found = super().translate(self.FALLBACK, source, disambiguation, n)
        # None (a null QString) means "not here": Qt then shows the source text. An empty
        # Python string would be taken as the translation and blank the text out.
        return found or None


def translation_dirs() -> list[Path]:
    """Where the compiled catalogues (``workstation_tr.qm``) are looked for: the source
    tree, then a frozen bundle's ``translations`` folder."""
    import sys

    dirs = list(_TRANSLATION_DIRS)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.insert(0, Path(frozen) / "translations")
    return dirs


def preference() -> str:
    """The reader's choice: "system", "tr" or "en"."""
    value = str(QSettings().value(SETTING, SYSTEM) or SYSTEM)
    return value if value in SUPPORTED or value == SYSTEM else SYSTEM


def set_preference(value: str) -> None:
    if value not in SUPPORTED and value != SYSTEM:
        raise ValueError(f"unsupported language {value!r}")
    QSettings().setValue(SETTING, value)


def effective_language(choice: str | None = None) -> str:
    """The language actually used: the choice, or the system's when it is one we ship
    (Turkish systems get Turkish), else English."""
    choice = choice or preference()
    if choice in SUPPORTED:
        return choice
    system = QLocale.system().name().split("_")[0]
    return system if system in SUPPORTED else "en"


def locale_for(language: str) -> QLocale:
    """Turkish as used in Turkey; English with day-month-year dates and 24-hour times,
    as hospitals in Turkey write them."""
    return QLocale("tr_TR" if language == "tr" else "en_GB")


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Replace the installed catalogues with those of ``language`` (default: the reader's
    preference); returns the language now in use."""
    language = effective_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = locale_for(language)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [("qtbase", qt_dir)] + [("workstation", str(d)) for d in translation_dirs()]
    found = False
    for name, folder in candidates:
        if name == "workstation" and found:
            continue
        translator = CatalogueTranslator(app) if name == "workstation" else QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
            found = found or name == "workstation"
    if not found:
        log.warning("no compiled catalogue for %s; run 'make translations'", language)
    return language


def current_language() -> str:
    return "tr" if QLocale().language() == QLocale.Language.Turkish else "en"
