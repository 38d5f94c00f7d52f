"""Log files without patient data or secrets: a redaction filter and rotating files.

A leaf package (standard library only) so every adapter, service and the UI can use it.
"""

from workstation.logs.files import configure_file_logging, default_log_dir
from workstation.logs.redaction import REDACTED, RedactingFilter, redact, register_sensitive

__all__ = [
    "REDACTED",
    "RedactingFilter",
    "configure_file_logging",
    "default_log_dir",
    "redact",
    "register_sensitive",
]
