"""Words of the hub contract shared by the client and the demo hub: roles, permissions,
critical-result categories and methods, and the audit events a workstation reports.

They live next to :mod:`workstation.hub.codes` for the same reason: both sides import one
definition, so a renamed value cannot silently break the contract. Which role holds which
permission is the hub's policy and lives with the hub (``workstation.demohub.roles``); the
client only learns the resulting permission list at sign-in.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Role(StrEnum):
    SYSTEM_ADMIN = "system_admin"
    HOSPITAL_ADMIN = "hospital_admin"
    RADIOLOGIST = "radiologist"
    RESIDENT = "resident"  # preliminary reader
    TECHNOLOGIST = "technologist"
    REFERRING_PHYSICIAN = "referring_physician"


class Permission(StrEnum):
    SEE_WORKLIST = "see_worklist"
    READ_IMAGES = "read_images"
    WRITE_PRELIMINARY = "write_preliminary"
    SIGN_FINAL = "sign_final"
    AMEND = "amend"
    FLAG_CRITICAL = "flag_critical"
    ACKNOWLEDGE_CRITICAL = "acknowledge_critical"
    READ_AUDIT = "read_audit"
    CLAIM = "claim"


class CriticalCategory(IntEnum):
    """Urgency of a critical result, after the ACR practice parameter on communication of
    diagnostic imaging findings: category 1 needs direct contact within minutes."""

    IMMEDIATE = 1
    URGENT = 2
    NON_URGENT = 3


class CommunicationMethod(StrEnum):
    """How a critical result reached the responsible clinician (documented per ACR)."""

    PHONE = "phone"
    IN_PERSON = "in_person"
    SECURE_MESSAGE = "secure_message"
    PAGER = "pager"


class ClientAuditEvent(StrEnum):
    """Events only the workstation sees; it posts them to the hub's audit trail in batches."""

    STUDY_OPENED = "study_opened"
    STUDY_CLOSED = "study_closed"
    EXPORTED = "exported"
    PRINTED = "printed"
    SERIES_VIEWED = "series_viewed"
    REPORT_DRAFT_SAVED = "report_draft_saved"
    REPORT_SUBMITTED = "report_submitted"
    SIGNED_IN = "signed_in"
    SIGNED_OUT = "signed_out"
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    # The workstation's local queue failed its integrity check and was set aside.
    AUDIT_QUEUE_DAMAGED = "audit_queue_damaged"
