"""Settings: language, theme and hanging, servers, cache, security, window presets, keys.

A page list on the left and the page on the right, entirely usable from the keyboard
(Ctrl+Tab / arrows in the list, Tab through the fields, Enter saves, Escape cancels).
Saving writes :mod:`workstation.ui.settings_values` keys; language, theme and the cache
limits apply at once (the cache trims itself in the background), the idle-lock value the
next time it is read. ``applied`` carries the keys that changed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.core.resource_files import ResourceError
from workstation.ui import i18n, settings_values, theme
from workstation.ui.server_profiles import ProfileStore
from workstation.ui.settings_pages import (
    CachePage,
    GeneralPage,
    PresetsPage,
    SecurityPage,
    ServersPage,
    ShortcutsPage,
)


class SettingsDialog(QDialog):
    applied = Signal(object)  # set of changed keys

    def __init__(self, parent: QWidget | None = None, extra_pages: list[QWidget] | None = None,
                 profile_store: ProfileStore | None = None):
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(760, 520)
        self.general = GeneralPage()
        self.cache = CachePage()
        self.security = SecurityPage()
        self.presets = PresetsPage()
        self.shortcuts = ShortcutsPage()
        self.servers = ServersPage(profile_store)
        self.pages: list[QWidget] = [self.general, self.servers, self.cache, self.security,
                                     self.presets, self.shortcuts, *(extra_pages or [])]
        self.nav = QListWidget()
        self.nav.setObjectName("settings_pages")
        self.nav.setAccessibleName(self.tr("Settings pages"))
        self.nav.setMaximumWidth(200)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem(page.windowTitle())
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("settings_buttons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.buttons = buttons

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.index(page))

    def save(self) -> bool:
        """Write every page; a page with an invalid value keeps the dialog open on it."""
        try:
            preset_data = self.presets.collect()
            settings_values.save_user_presets(preset_data)
        except (ResourceError, ValueError) as exc:
            self.show_page(self.presets)
            self.presets.show_error(str(exc))
            return False
        changed: set[str] = {settings_values.USER_PRESETS}
        for page in (self.general, self.servers, self.cache, self.security):
            changed |= page.save()
        qapp = QApplication.instance()
        if isinstance(qapp, QApplication):
            if i18n.SETTING in changed:
                i18n.install(qapp)
            if theme.THEME_SETTING in changed:
                theme.apply_theme(qapp)
        self.applied.emit(changed)
        self.accept()
        return True
