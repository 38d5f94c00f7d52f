"""Log redaction: patient values, tokens, passwords and URL signatures never reach a log
file; files rotate."""

from __future__ import annotations

import logging

import pytest

from workstation.logs import configure_file_logging, redact, register_sensitive
from workstation.logs.files import remove_file_logging
from workstation.logs.redaction import forget_sensitive

JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkci5kZW1vIiwidHlwIjoiYWNjZXNzIn0"
       ".c2lnbmF0dXJlLWJ5dGVzLWhlcmU")


@pytest.fixture(autouse=True)
def _clean():
    forget_sensitive()
    yield
    forget_sensitive()
    remove_file_logging()


@pytest.mark.parametrize(("text", "secret"), [
    (f"token {JWT} refused", JWT),
    ("Authorization: Bearer abc.def-123", "abc.def-123"),
    ("GET https://hub.example/objects/9?exp=1700&sig=Zm9vYmFy done", "Zm9vYmFy"),
    ("GET https://hub.example/api/v1/worklist?q=Yilmaz HTTP/1.1", "Yilmaz"),
    ('{"password": "s3cret-Pass", "user": "x"}', "s3cret-Pass"),
    ("login password=hunter22 user=x", "hunter22"),
    ("refresh_token=abcdefgh12345", "abcdefgh12345"),
    ("opened YILMAZ^AYSE^K for reading", "YILMAZ"),
])
def test_shaped_secrets_are_redacted(text, secret):
    out = redact(text)
    assert secret not in out and "[redacted]" in out


def test_registered_values_are_redacted_in_any_case_and_name_form():
    register_sensitive("DEMIR^MEHMET", "PID-778899", None, "F")
    out = redact("patient Demir Mehmet pid-778899 sex F")
    assert "Demir" not in out and "778899" not in out
    assert out.endswith("sex F")  # too short to register: left alone


def test_file_handler_redacts_messages_args_and_tracebacks(tmp_path):
    path = configure_file_logging(tmp_path / "logs")
    register_sensitive("PID-445566")
    log = logging.getLogger("workstation.test.redaction")
    log.setLevel(logging.INFO)
    log.info("opened %s with %s", "PID-445566", JWT)
    try:
        raise ValueError("bad password=topsecret for PID-445566")
    except ValueError:
        log.exception("failure")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "opened [redacted] with [redacted]" in text
    assert "ValueError" in text and "Traceback" in text
    for secret in ("PID-445566", "topsecret", JWT[:20]):
        assert secret not in text


def test_log_files_rotate(tmp_path):
    path = configure_file_logging(tmp_path, max_bytes=2000, backups=2)
    log = logging.getLogger("workstation.test.rotation")
    log.setLevel(logging.INFO)
    for i in range(200):
        log.info("line %d of a long reading session", i)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["workstation.log", "workstation.log.1", "workstation.log.2"]
    assert path.stat().st_size <= 2000
