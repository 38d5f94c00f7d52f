"""The application in Turkish: no visible English left in the main windows.

The catalogues are compiled from ``translations/*.ts`` first (as ``make`` does). The app
is then switched to Turkish and the sign-in dialog, the worklist and the viewer (with a
study on screen) are walked: every visible label, button, menu and toolbar action, column
header, placeholder and window title must be translated. Two checks catch the two ways a
string stays English: it is a catalogue source without a Turkish translation, or it never
went through the catalogue and still reads as English.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeView,
    QWidget,
)

from workstation.ui import i18n

pytest.importorskip("workstation.render.slice_view")

from workstation.ui.app import build_main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HUB = "https://hub.test:8443"

# Words that mark a sentence as English; a Turkish UI shows none of them as a whole word.
ENGLISH = {
    "the", "and", "of", "to", "is", "are", "was", "not", "with", "your", "this",
    "image", "images", "study", "studies", "series", "report", "sign", "open", "save",
    "cancel", "close", "loading", "select", "next", "previous", "patient", "worklist",
    "download", "downloading", "window", "level", "zoom", "measure", "link", "reset",
    "view", "tools", "layout", "refresh", "priority", "status", "hospital", "filter",
    "filters", "settings", "language", "delete", "clear", "submit", "findings",
    "impression", "password", "username", "code", "key", "keys", "show", "hide",
    "ready", "waiting", "failed", "unread", "routine", "urgent", "reported", "final",
    "preliminary", "all", "any", "off", "on", "file", "export", "critical", "lock",
}
# ("no" is left out: Turkish abbreviates numara to it, as in "Hasta no".)
# Data and symbols that are the same in both languages (values, units, DICOM terms).
ALLOWED = {"DICOM", "VR", "CT", "MR", "MG", "CR", "DX", "US", "HU", "W", "L", "ok", "OK"}


def _compile_catalogues() -> None:
    spec = importlib.util.spec_from_file_location("ws_translations",
                                                  ROOT / "packaging" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    module.compile_all()


def _catalogue(language: str) -> dict[str, str]:
    """source -> translation (empty when unfinished) of ``translations/workstation_xx.ts``."""
    tree = ET.parse(ROOT / "translations" / f"workstation_{language}.ts")
    out = {}
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        unfinished = translation is None or translation.get("type") == "unfinished"
        text = "" if unfinished else "".join(translation.itertext()).strip()
        out[message.findtext("source") or ""] = text
    return out


@pytest.fixture
def turkish(qapp):
    _compile_catalogues()
    # The reader's choice, as the settings dialog stores it: build_main() configures the
    # application again and installs the preferred language, not the one installed here.
    i18n.set_preference("tr")
    assert i18n.install(qapp) == "tr"
    yield
    i18n.set_preference("system")
    i18n.install(qapp, "en")


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text or "").replace("&", "").strip()


def visible_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a reader can read in ``widget`` and its children:
    texts, titles, placeholders, list items, column headers, spin box units, tooltips,
    accessible names, and the actions of tool bars and menus (menu bar menus included,
    whether open or not)."""
    found: list[tuple[str, str]] = [(widget.objectName() or "window", widget.windowTitle())]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible():
            continue
        name = child.objectName() or type(child).__name__
        found += [(f"{name}/tooltip", child.toolTip()), (f"{name}/accessible",
                                                         child.accessibleName())]
        if isinstance(child, QLabel):
            found.append((name, child.text()))
        elif isinstance(child, QAbstractButton):
            found.append((name, child.text()))
        elif isinstance(child, QLineEdit | QPlainTextEdit):
            found.append((name, child.placeholderText()))
        elif isinstance(child, QGroupBox):
            found.append((name, child.title()))
        elif isinstance(child, QComboBox):
            found += [(name, child.itemText(i)) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            found += [(name, child.tabText(i)) for i in range(child.count())]
        elif isinstance(child, QAbstractSpinBox):
            found.append((name, child.specialValueText()))
            if isinstance(child, QSpinBox | QDoubleSpinBox):
                found += [(name, child.prefix()), (name, child.suffix())]
        elif isinstance(child, QTableView | QTreeView) and child.model() is not None:
            # Column headers (the rows are data).
            model = child.model()
            found += [(name, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount(QModelIndex()))]
        elif isinstance(child, QListWidget):
            found += [(name, child.item(r).text()) for r in range(child.count())]
        if isinstance(child, QToolBar | QMenu | QMenuBar):
            found += _action_texts(name, child.actions())
    return [(w, _plain(t)) for w, t in found if _plain(t)]


def _action_texts(name: str, actions) -> list[tuple[str, str]]:
    found = []
    for action in actions:
        if action.isVisible() and not action.isSeparator():
            found += [(f"{name}/action", action.text()), (f"{name}/action", action.toolTip())]
            if action.menu() is not None:
                found += _action_texts(f"{name}/menu", action.menu().actions())
    return found


def hub_data(items) -> set[str]:
    """What the hub sent (names, hospitals, descriptions): shown as received, in any
    language."""
    out: set[str] = set()
    for item in items:
        out.update(part for part in item.patient_name.split("^") if part)
        out.update({item.hospital, item.description, item.clinical_notes, item.accession,
                    item.patient_id})
    return {d for d in out if d}


def untranslated(texts: list[tuple[str, str]], tr: dict[str, str],
                 data: set[str] = frozenset()) -> list[tuple[str, str]]:
    bad = []
    for where, full in texts:
        if full in ALLOWED:
            continue
        text = full
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, " ")
        text = text.strip(" ,·-—")
        if not text:
            continue
        if full in tr and not tr[full] and re.search(r"[A-Za-z]{2,}", full):
            bad.append((where, full))  # a catalogue source nobody translated
            continue
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        if words & ENGLISH and not re.search(r"[çğıİöşüÇĞÖŞÜ]", text):
            bad.append((where, full))  # never went through the catalogue
    return bad


def test_every_visible_text_of_the_main_windows_is_turkish(
    qtbot, turkish, fake_hub, cache_base, session_key
):
    tr = _catalogue("tr")
    data = hub_data(fake_hub.items)
    controller = build_main(HUB, client=fake_hub, cache_base=cache_base)
    try:
        dialog = controller.login_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        problems = untranslated(visible_texts(dialog), tr, data)
        with qtbot.waitSignal(controller.signed_in, timeout=10_000):
            controller.sign_in("dr.test", "secret", "123456")
        worklist = controller.worklist_window
        qtbot.waitUntil(lambda: worklist.is_loaded, timeout=10_000)
        problems += untranslated(visible_texts(worklist), tr, data)
        viewer = controller.open_study(fake_hub.items[0])
        assert viewer is not None
        qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
        problems += untranslated(visible_texts(viewer), tr, data)
        assert not problems, "untranslated in Turkish:\n" + "\n".join(
            f"  {where}: {text!r}" for where, text in sorted(set(problems)))
        # The check can fail: a label that skipped tr() is reported, next to hub data,
        # and so is a catalogue source shown before anyone translated it.
        probe = QLabel("Open the next study", worklist)
        probe.setObjectName("probe")
        probe.show()
        assert ("probe", "Open the next study") in untranslated(visible_texts(worklist), tr,
                                                                  data)
        probe.setText("Ankara City Hospital")
        assert ("probe", "Ankara City Hospital") not in untranslated(
            visible_texts(worklist), tr, data)
        assert untranslated([("probe", "Next study")], {"Next study": ""})
    finally:
        controller.shutdown()
        for window in (controller.viewer_window, controller.worklist_window,
                       controller.login_dialog):
            if window is not None:
                window.hide()
                window.deleteLater()


def test_dates_and_numbers_follow_the_language(qapp, turkish) -> None:
    locale = QLocale()
    assert locale.language() == QLocale.Language.Turkish
    assert locale.toString(1234.5, "f", 1) == "1.234,5"
    assert "Kasım" in locale.toString(QDate(2026, 11, 22), "d MMMM yyyy")
    i18n.install(qapp, "en")
    assert QLocale().toString(1234.5, "f", 1) == "1,234.5"


def test_language_setting_overrides_the_system(qapp) -> None:
    i18n.set_preference("tr")
    try:
        assert i18n.effective_language() == "tr"
        assert QApplication.translate("Shortcuts", "Next study") in ("Next study",
                                                                    "Sonraki tetkik")
        _compile_catalogues()
        i18n.install(qapp)
        assert QApplication.translate("Shortcuts", "Next study") == "Sonraki tetkik"
        # Context-free fallback: a subclass context still finds the message.
        assert QApplication.translate("SomeSubclass", "Next study") == "Sonraki tetkik"
        # A message in no catalogue keeps its source text (never an empty string).
        assert QApplication.translate("X", "Not in any catalogue") == "Not in any catalogue"
    finally:
        i18n.set_preference("system")
        i18n.install(qapp, "en")
    assert QApplication.translate("Shortcuts", "Next study") == "Next study"
    assert QApplication.translate("X", "Not in any catalogue") == "Not in any catalogue"


def _dialogs():
    """The dialogs a reader opens from the main windows, built as the windows build them."""
    from tests.ui.keychain_double import MemoryKeyring
    from workstation.core.report import ReportKind
    from workstation.ui.critical_dialog import CriticalDialog
    from workstation.ui.export_dialog import AnonymizedExportDialog, PatientExportDialog
    from workstation.ui.idle_lock_screen import LockScreen
    from workstation.ui.report_history import VersionHistoryDialog
    from workstation.ui.report_sign_dialog import SignDialog
    from workstation.ui.server_profiles import ProfileStore, ServerProfilesDialog
    from workstation.ui.settings_dialog import SettingsDialog
    from workstation.ui.shortcut_dialog import ShortcutDialog

    store = ProfileStore(keyring_backend=MemoryKeyring())
    versions = [{"version": 1, "kind": "final", "status": "final", "author": "dr.test",
                 "created_at": "2026-01-05T09:00:00", "findings": "A", "impression": "B"},
                {"version": 2, "kind": "amendment", "status": "final", "author": "dr.test",
                 "created_at": "2026-01-05T10:00:00", "findings": "A2", "impression": "B",
                 "reason": "typo"}]
    return [
        SettingsDialog(profile_store=store),
        ServerProfilesDialog(store),
        ShortcutDialog(),
        LockScreen("dr.test"),
        CriticalDialog("PATIENT1, TEST"),
        SignDialog(ReportKind.FINAL, "PATIENT1, TEST", "CT chest 1", ask_code=True),
        SignDialog(ReportKind.PRELIMINARY, "PATIENT1, TEST", "CT chest 1", ask_code=False),
        SignDialog(ReportKind.FINAL, "PATIENT1, TEST", "CT chest 1", ask_code=True,
                   amendment=True),
        VersionHistoryDialog(versions),
        AnonymizedExportDialog(None, has_series=True, has_key_images=True),
        PatientExportDialog(),
    ]


def test_every_visible_text_of_the_dialogs_is_turkish(qtbot, turkish, fake_hub) -> None:
    tr = _catalogue("tr")
    data = hub_data(fake_hub.items) | {"dr.test", "typo"}
    problems = []
    for dialog in _dialogs():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        pages = getattr(dialog, "pages", [None])
        for page in pages:  # every page of the settings dialog
            if page is not None:
                dialog.show_page(page)
            where = dialog.objectName() or type(dialog).__name__
            problems += [(f"{where}: {w}", t)
                         for w, t in untranslated(visible_texts(dialog), tr, data)]
        dialog.hide()
    assert not problems, "untranslated in Turkish:\n" + "\n".join(
        f"  {where}: {text!r}" for where, text in sorted(set(problems)))
