"""The TLS settings reach the application's hub client: a CA bundle to trust and the hub's
key pin; a wrong pin shows a clear sentence in the sign-in dialog and sends nothing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_hub_tls import _Handler, serve_tls  # noqa: E402

from workstation.hub.tls import spki_sha256  # noqa: E402
from workstation.ui.app import AppController  # noqa: E402
from workstation.ui.idle_lock_session import CA_BUNDLE_KEY, PIN_KEY  # noqa: E402


@pytest.fixture
def tls_hub(tmp_path):
    with serve_tls(tmp_path) as served:
        yield served


def _controller(url):
    c = AppController(url, probe=lambda: True)
    c.start()
    return c


def _close(c):
    c.shutdown()
    if c.login_dialog is not None:
        c.login_dialog.hide()


def test_wrong_pin_is_refused_with_a_clear_message(qtbot, tls_hub, monkeypatch):
    url, cert, _der = tls_hub
    monkeypatch.setenv("SSL_CERT_FILE", os.environ.get("SSL_CERT_FILE", ""))
    QSettings().setValue(CA_BUNDLE_KEY, str(cert))
    QSettings().setValue(PIN_KEY, "sha256/" + "A" * 43 + "=")
    c = _controller(url)
    try:
        c.sign_in("dr.demo", "secret-pass", "123456")
        qtbot.waitUntil(lambda: "pinned key" in c.login_dialog.message.text(), timeout=10_000)
        assert _Handler.requests == []
    finally:
        _close(c)


def test_ca_bundle_and_right_pin_reach_the_hub(qtbot, tls_hub, monkeypatch):
    url, cert, der = tls_hub
    monkeypatch.setenv("SSL_CERT_FILE", os.environ.get("SSL_CERT_FILE", ""))
    QSettings().setValue(CA_BUNDLE_KEY, str(cert))
    QSettings().setValue(PIN_KEY, spki_sha256(der))
    c = _controller(url)
    try:
        c.sign_in("dr.demo", "secret-pass", "123456")
        qtbot.waitUntil(lambda: bool(_Handler.requests), timeout=10_000)
        assert _Handler.requests[0] == "/api/v1/auth/login"
        assert os.environ["SSL_CERT_FILE"] == str(cert)
    finally:
        _close(c)
