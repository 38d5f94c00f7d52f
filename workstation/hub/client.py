"""HTTP client of the hub: sign-in with TOTP, worklist and reading locks, studies and object
URLs, reports and amendments, critical results and the audit trail.

The calls are grouped by subject in :mod:`workstation.hub.session` (connection, sign-in,
silent refresh), :mod:`workstation.hub.studies_api` and :mod:`workstation.hub.reporting_api`;
this class is the one the workstation uses.
"""

from __future__ import annotations

from workstation.hub.reporting_api import ReportingApi
from workstation.hub.session import API
from workstation.hub.studies_api import StudiesApi, WorklistPage


class HubClient(StudiesApi, ReportingApi):
    """Talks to one hub. All methods are safe to call from several threads."""


__all__ = ["API", "HubClient", "WorklistPage"]
