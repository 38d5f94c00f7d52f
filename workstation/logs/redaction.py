"""Redaction of log text: patient names and IDs, tokens, passwords and URL signatures.

Log files leave the workstation (support tickets, crash reports), so they must hold no
personal health data (KVKK art. 12, GDPR art. 32) and no credential. Two layers:

* patterns for what has a recognisable shape: JSON Web Tokens (RFC 7519 compact form,
  ``header.payload.signature`` in base64url, the header starting with ``eyJ``), bearer
  credentials (RFC 6750), ``password=``/``token=``/``code=`` pairs, URL query strings
  (pre-signed object URLs carry their signature there, worklist searches carry names) and
  DICOM person names with component separators (PS3.5 section 6.2, VR PN: ``FAMILY^GIVEN``);
* exact values the application registers while it runs (:func:`register_sensitive`):
  the patient names and IDs of the worklist, the password typed at sign-in, the tokens
  received. Plain patient IDs have no shape a pattern could catch.

The filter rewrites the record's message in place, so every handler it is attached to
writes only the redacted text. Attach it to handlers (not loggers): handler filters see
the records of every child logger.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback

REDACTED = "[redacted]"
# Values shorter than this are not registered: redacting "F" or "12" everywhere would make
# logs unreadable while protecting nothing.
MIN_SENSITIVE_LENGTH = 3

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # JWT compact serialisation (RFC 7519 section 3); the signature part may be empty.
    (re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), REDACTED),
    # Authorization: Bearer <token> (RFC 6750 section 2.1).
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + REDACTED),
    # URL query strings: pre-signed URL signatures and search terms.
    (re.compile(r"(?i)\b((?:https?|wss?)://[^\s?#\"'<>]+)\?[^\s\"'<>]*"), r"\1?" + REDACTED),
    # key=value / "key": "value" pairs of secrets.
    (
        re.compile(
            r"(?i)\b(password|passwd|pwd|secret|token|access_token|refresh_token|mfa_token"
            r"|sig|signature|code|otp|totp|authorization)(\"?\s*[:=]\s*\"?)[^\s\"'&,;}]+"
        ),
        r"\1\2" + REDACTED,
    ),
    # DICOM PN with component separators: FAMILY^GIVEN[^MIDDLE...].
    (re.compile(r"[^\s\^\"'=:,;()\[\]{}]+(?:\^[^\s\^\"',;()\[\]{}]*)+"), REDACTED),
)

_lock = threading.Lock()
_values: set[str] = set()
_values_re: re.Pattern[str] | None = None


def register_sensitive(*values: str | None) -> None:
    """Redact these exact values (case-insensitive) from every log record from now on."""
    global _values_re
    added = False
    with _lock:
        for value in values:
            if not value:
                continue
            text = str(value).strip()
            if len(text) >= MIN_SENSITIVE_LENGTH and text not in _values:
                _values.add(text)
                # A DICOM name is also logged with spaces instead of carets.
                if "^" in text:
                    _values.add(" ".join(p for p in text.split("^") if p))
                added = True
        if added:
            ordered = sorted((v for v in _values if len(v) >= MIN_SENSITIVE_LENGTH),
                             key=len, reverse=True)
            _values_re = re.compile("|".join(re.escape(v) for v in ordered), re.IGNORECASE)


def forget_sensitive() -> None:
    """Drop the registered values (at sign-out, and between tests)."""
    global _values_re
    with _lock:
        _values.clear()
        _values_re = None


def redact(text: str) -> str:
    """``text`` with every registered value and every secret-shaped string replaced."""
    values_re = _values_re
    if values_re is not None:
        text = values_re.sub(REDACTED, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback) to its redacted form; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_text = redact(text.rstrip("\n"))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
