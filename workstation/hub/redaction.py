"""Keep query strings and secrets out of httpx's request log.

httpx logs every request line (``HTTP Request: GET <url> ...``) at INFO. Our query strings
carry secrets and patient data: pre-signed object URLs hold their signature, worklist searches
hold patient names. The first filter logs the URL without its query; the second
(:class:`workstation.logs.RedactingFilter`) removes tokens, passwords and registered patient
values from whatever else the line holds, even where no file handler is configured.
"""

from __future__ import annotations

import logging
import threading

import httpx

from workstation.logs import RedactingFilter

_installed = False
_lock = threading.Lock()


class QueryRedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(
            isinstance(a, httpx.URL) and a.query for a in record.args
        ):
            record.args = tuple(
                a.copy_with(query=None) if isinstance(a, httpx.URL) and a.query else a
                for a in record.args
            )
        return True


def install_httpx_log_redaction() -> None:
    """Attach the filters to the "httpx" and "httpcore" loggers once per process."""
    global _installed
    with _lock:
        if not _installed:
            logging.getLogger("httpx").addFilter(QueryRedactingFilter())
            for name in ("httpx", "httpcore"):
                logging.getLogger(name).addFilter(RedactingFilter())
            _installed = True
