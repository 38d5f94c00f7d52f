"""The settings dialog writes the reader's values, applies language and theme at once,
validates window presets, and keeps the shipped presets when nothing was changed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog

from tests.ui.keychain_double import MemoryKeyring
from workstation.core import presets
from workstation.ui import i18n, server_profiles, settings_values, theme
from workstation.ui.server_profiles import HUB, ProfileStore, ServerProfile
from workstation.ui.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def keychain() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def profiles(keychain) -> ProfileStore:
    """Two DICOMweb archives beside the hub, secrets in a memory keychain."""
    store = ProfileStore(keyring_backend=keychain)
    store.save(ServerProfile("orthanc", "https://pacs.example:8042/dicom-web", "basic", "dr"),
               "pacs-secret")
    store.save(ServerProfile("cloud", "https://cloud.example/dicomweb", "bearer"), "tok-123")
    return store


@pytest.fixture
def dialog(qtbot, qapp, profiles):
    d = SettingsDialog(profile_store=profiles)
    qtbot.addWidget(d)
    yield d
    presets.set_user_presets({})
    theme.apply_theme(qapp, theme.DARK)
    i18n.set_preference("system")
    i18n.install(qapp, "en")


def _compile() -> None:
    spec = importlib.util.spec_from_file_location("ws_tr", ROOT / "packaging" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.compile_all()


def test_defaults_are_the_documented_ones(dialog) -> None:
    assert dialog.cache.budget.value() == 20
    assert dialog.cache.retention.value() == 30
    assert dialog.security.idle.value() == 15
    assert settings_values.cache_policy().budget_bytes == 20 * 1000**3
    assert theme.chosen_theme() == theme.DARK


def test_saving_writes_values_and_applies_language_and_theme(dialog, qapp) -> None:
    _compile()
    dialog.general.language.setCurrentIndex(dialog.general.language.findData("tr"))
    dialog.general.theme.setCurrentIndex(dialog.general.theme.findData(theme.HIGH_CONTRAST))
    dialog.cache.budget.setValue(50)
    dialog.cache.retention.setValue(7)
    dialog.cache.purge.setChecked(True)
    dialog.security.idle.setValue(5)
    dialog.security.pin.setText("  q5Fk0XHuGs7Y3lRYSd8KcjAtbzHnLu4Yqw2oKe0X9qM=  ")
    changed = []
    dialog.applied.connect(changed.append)
    assert dialog.save()
    assert {i18n.SETTING, theme.THEME_SETTING, settings_values.CACHE_BUDGET_GB,
            settings_values.IDLE_LOCK_MINUTES, settings_values.HUB_PIN} <= changed[0]
    policy = settings_values.cache_policy()
    assert policy.budget_bytes == 50 * 1000**3 and policy.retention_days == 7
    assert settings_values.flag(settings_values.PURGE_AT_SIGN_OUT)
    assert settings_values.idle_lock_seconds() == 300
    assert settings_values.idle_lock_seconds(hub_limit_seconds=120) == 120
    assert settings_values.text(settings_values.HUB_PIN).startswith("q5Fk")
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert QCoreApplication.translate("Shortcuts", "Next study") == "Sonraki tetkik"
    assert QSettings().value(i18n.SETTING) == "tr"


def test_edited_preset_reaches_the_number_keys(dialog) -> None:
    page = dialog.presets
    page.modality.setCurrentText("CT")
    shipped = presets.shipped_presets_for("CT")[0]
    page.table.item(0, 2).setText("55")
    page.table.item(0, 3).setText("420,5")
    assert dialog.save()
    first = presets.presets_for("CT")[0]
    assert (first.key, first.name) == (shipped.key, shipped.name)
    assert first.window.center == 55 and first.window.width == 420.5
    # Persisted: a new process (simulated by clearing and reloading) finds it again.
    presets.set_user_presets({})
    settings_values.load_user_presets()
    assert presets.presets_for("CT")[0].window.center == 55
    assert presets.presets_for("MR") == presets.shipped_presets_for("MR")


def test_invalid_preset_keeps_the_dialog_open_and_changes_nothing(dialog, qtbot) -> None:
    dialog.show()
    page = dialog.presets
    page.modality.setCurrentText("CT")
    page.table.item(0, 3).setText("-10")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.stack.currentWidget() is page
    assert "width" in page.error.text()
    assert presets.presets_for("CT") == presets.shipped_presets_for("CT")
    page.table.item(0, 3).setText("abc")
    assert not dialog.save()
    assert "Row 1" in page.error.text(), (page.table.item(0, 3).text(), page.error.text())


def test_keyboard_reaches_every_page_and_the_save_button(dialog, qtbot) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.nav.setFocus()
    for index in range(1, dialog.nav.count()):
        qtbot.keyClick(dialog.nav, Qt.Key.Key_Down)
        assert dialog.stack.currentIndex() == index
    seen = set()
    widget = dialog.nav
    for _ in range(40):
        widget = widget.nextInFocusChain()
        seen.add(widget.objectName() or type(widget).__name__)
    assert "settings_buttons" in {w.parent().objectName() for w in
                                  dialog.buttons.buttons()}
    for control in (dialog.cache.budget, dialog.security.idle, dialog.general.language,
                    dialog.presets.table):
        assert control.accessibleName()


def test_hanging_checkbox_is_bound_to_the_viewer_setting(qtbot, profiles) -> None:
    from workstation.ui.hanging_controller import ENABLED_KEY, hanging_enabled

    assert settings_values.HANGING_ENABLED == ENABLED_KEY
    QSettings().remove(ENABLED_KEY)  # a new reader: the documented default is on
    first = SettingsDialog(profile_store=profiles)
    qtbot.addWidget(first)
    assert first.general.hanging.isChecked() and hanging_enabled()
    first.general.hanging.setChecked(False)
    changed = []
    first.applied.connect(changed.append)
    assert first.save()
    assert ENABLED_KEY in changed[0]
    assert QSettings().value(ENABLED_KEY, True, type=bool) is False
    assert not hanging_enabled()  # what the viewer reads when a study opens
    second = SettingsDialog(profile_store=profiles)
    qtbot.addWidget(second)
    assert not second.general.hanging.isChecked()
    second.general.hanging.setChecked(True)
    assert second.save() and hanging_enabled()


def test_servers_page_lists_the_hub_and_every_dicomweb_profile(dialog) -> None:
    page = dialog.servers
    assert page in dialog.pages and page.windowTitle() == "Servers"
    assert page.names() == [HUB, "orthanc", "cloud"]
    labels = [page.list.item(r).text() for r in range(page.list.count())]
    assert labels[0] == "Reading hub (default)"
    assert "orthanc" in labels[1] and "https://pacs.example:8042/dicom-web" in labels[1]
    assert page.selected() == HUB and page.list.item(0).font().bold()  # in use
    assert not page.remove_button.isEnabled()  # the hub cannot be removed
    assert page.list.accessibleName()


def test_servers_page_choice_is_saved_and_cancel_keeps_it(qtbot, dialog, profiles) -> None:
    page = dialog.servers
    page.list.setCurrentRow(page.names().index("cloud"))
    changed = []
    dialog.applied.connect(changed.append)
    assert dialog.save()
    assert server_profiles.CURRENT_KEY in changed[0]
    assert profiles.current() == "cloud"
    assert ProfileStore().current() == "cloud"  # persisted in the reader's settings
    again = SettingsDialog(profile_store=profiles)
    qtbot.addWidget(again)
    assert again.servers.selected() == "cloud" and again.servers.list.item(2).font().bold()
    again.servers.list.setCurrentRow(0)
    again.reject()  # Cancel: nothing written
    assert profiles.current() == "cloud"


def test_servers_page_removes_a_profile_and_its_secret(dialog, profiles, keychain) -> None:
    page = dialog.servers
    assert keychain.secrets[(server_profiles.KEYRING_SERVICE, "orthanc")] == "pacs-secret"
    page.list.setCurrentRow(page.names().index("orthanc"))
    assert page.remove_button.isEnabled()
    page.remove_button.click()
    assert page.names() == [HUB, "cloud"] and page.selected() == HUB
    assert profiles.profile("orthanc") is None
    assert (server_profiles.KEYRING_SERVICE, "orthanc") not in keychain.secrets
    assert "pacs-secret" not in str(QSettings().value(server_profiles.PROFILES_KEY))


def test_servers_page_adds_a_profile_through_the_profile_dialog(dialog, profiles, keychain,
                                                                 monkeypatch) -> None:
    def fill(chooser) -> int:
        chooser.choice.setCurrentIndex(chooser.choice.findData(None))  # New DICOMweb server
        chooser.name.setText("dcm4chee")
        chooser.url.setText("https://dcm4chee.example/dcm4chee-arc/aets/DCM4CHEE/rs")
        chooser.auth.setCurrentIndex(chooser.auth.findData("basic"))
        chooser.username.setText("reader")
        chooser.secret.setText("arc-secret")
        chooser.accept()
        return QDialog.DialogCode.Accepted if chooser.result() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(server_profiles.ServerProfilesDialog, "exec", fill)
    page = dialog.servers
    page.edit_button.click()
    assert page.names() == [HUB, "orthanc", "cloud", "dcm4chee"]
    assert page.selected() == "dcm4chee"
    assert profiles.current() == HUB  # in use only once the settings are saved
    assert profiles.profile("dcm4chee").username == "reader"
    assert keychain.secrets[(server_profiles.KEYRING_SERVICE, "dcm4chee")] == "arc-secret"
    assert "arc-secret" not in str(QSettings().value(server_profiles.PROFILES_KEY))
    assert dialog.save() and profiles.current() == "dcm4chee"
