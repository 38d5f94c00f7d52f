"""Keep query strings out of httpx's request log.

httpx logs every request line (``HTTP Request: GET <url> ...``) at INFO. Our query strings
carry secrets and patient data: pre-signed object URLs hold their signature, worklist searches
hold patient names. The filter below logs the URL without its query instead.
"""

from __future__ import annotations

import logging
import threading

import httpx

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
    """Attach the filter to the "httpx" logger once per process."""
    global _installed
    with _lock:
        if not _installed:
            logging.getLogger("httpx").addFilter(QueryRedactingFilter())
            _installed = True
