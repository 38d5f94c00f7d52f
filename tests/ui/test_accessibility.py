"""Keyboard alone: sign in, pick a study on the worklist and open it; every control of the
sign-in dialog, the worklist and the viewer has an accessible name; high contrast applies."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from workstation.ui import accessibility, theme

pytest.importorskip("workstation.render.slice_view")

from workstation.ui.app import build_main  # noqa: E402

HUB = "https://hub.test:8443"


def unnamed_controls(window: QWidget) -> list[str]:
    missing = []
    for control in [window, *window.findChildren(QWidget)]:
        if (isinstance(control, accessibility.CONTROLS) and control.isVisible()
                and control.focusPolicy() != Qt.FocusPolicy.NoFocus
                and not control.objectName().startswith("qt_")  # parts of a named control
                and not control.accessibleName()):
            missing.append(f"{type(control).__name__} {control.objectName()!r}")
    return missing


@pytest.fixture
def controller(qtbot, fake_hub, cache_base, session_key):
    c = build_main(HUB, client=fake_hub, cache_base=cache_base)
    yield c
    c.shutdown()
    for window in (c.viewer_window, c.worklist_window, c.login_dialog):
        if window is not None:
            window.hide()
            window.deleteLater()


def _type(qtbot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit), type(focused)
    focused.selectAll()
    qtbot.keyClicks(focused, text)


def test_sign_in_and_open_a_study_with_the_keyboard_only(qtbot, controller, fake_hub):
    typed: list[tuple[str, str]] = []
    real_login, real_verify = fake_hub.login, fake_hub.verify_totp
    fake_hub.login = lambda u, p: typed.append((u, p)) or real_login(u, p)
    fake_hub.verify_totp = lambda c, code: typed.append(("code", code)) or real_verify(c, code)
    dialog = controller.login_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    assert not unnamed_controls(dialog), unnamed_controls(dialog)
    # Username, Tab, password, Tab, code, Enter: the order a reader types them.
    fields = [w for w in dialog.findChildren(QLineEdit) if w.isVisible() and w.isEnabled()]
    first = fields[0]
    first.setFocus()
    _type(qtbot, "dr.test")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    _type(qtbot, "secret")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    _type(qtbot, "123456")
    with qtbot.waitSignal(controller.signed_in, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert typed == [("dr.test", "secret"), ("code", "123456")]

    worklist = controller.worklist_window
    qtbot.waitUntil(lambda: worklist.is_loaded, timeout=10_000)
    assert not unnamed_controls(worklist), unnamed_controls(worklist)
    worklist.activateWindow()
    worklist.table.setFocus()
    qtbot.keyClick(worklist.table, Qt.Key.Key_Home)
    qtbot.keyClick(worklist.table, Qt.Key.Key_Down)
    row = worklist.table.currentIndex().row()
    expected = worklist.model.item(row).study_uid
    with qtbot.waitSignal(controller.viewer_opened, timeout=10_000):
        qtbot.keyClick(worklist.table, Qt.Key.Key_Return)
    viewer = controller.viewer_window
    assert viewer.item.study_uid == expected
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
    assert not unnamed_controls(viewer), unnamed_controls(viewer)


def test_derived_names_come_from_labels_placeholders_and_tooltips(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QPushButton

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    labelled, placeholder, tipped = QLineEdit(), QLineEdit(), QPushButton()
    placeholder.setPlaceholderText("Patient name or ID…")
    tipped.setToolTip("Reload the worklist")
    form.addRow("&Username:", labelled)
    form.addRow(placeholder)
    form.addRow(tipped)
    assert accessibility.name_controls(root) == 3
    assert labelled.accessibleName() == "Username"
    assert placeholder.accessibleName() == "Patient name or ID…"
    assert tipped.accessibleName() == "Reload the worklist"


def test_high_contrast_theme_is_black_white_and_yellow(qapp) -> None:
    from PySide6.QtGui import QPalette

    try:
        assert theme.apply_theme(qapp, theme.HIGH_CONTRAST) == theme.HIGH_CONTRAST
        palette = qapp.palette()
        assert palette.color(QPalette.ColorRole.Window).name() == "#000000"
        assert palette.color(QPalette.ColorRole.Text).name() == "#ffffff"
        assert palette.color(QPalette.ColorRole.Highlight).name() == "#ffd400"
    finally:
        theme.apply_theme(qapp, theme.DARK)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == theme.WINDOW
