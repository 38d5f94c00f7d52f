"""Hub calls for reading: the worklist, study detail, object URLs and downloads, and the
reading lock (claim/release)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from workstation.core.study import InstanceUrl, StudyDetail, WorklistItem
from workstation.hub import models
from workstation.hub.models import BadResponse
from workstation.hub.session import API, HubSession, segment


def _enum_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True, slots=True)
class WorklistPage:
    """One page of the worklist and the number of matching studies over all pages."""

    items: tuple[WorklistItem, ...]
    total: int
    limit: int
    offset: int


class StudiesApi(HubSession):
    def worklist_page(
        self,
        *,
        status: Any = None,
        modality: Any = None,
        tenant: Any = None,
        priority: Any = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        q: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> WorklistPage:
        """One page of the worklist, STAT first then oldest first, with the total count.
        Enumeration filters take a value or a collection of values (StudyStatus, Priority,
        modality codes, tenant ids); ``q`` searches patient name, patient ID and accession."""
        params = {
            "status": _enum_text(status),
            "modality": _enum_text(modality),
            "tenant": _enum_text(tenant),
            "priority": _enum_text(priority),
            "date_from": date_from.isoformat() if isinstance(date_from, date) else date_from,
            "date_to": date_to.isoformat() if isinstance(date_to, date) else date_to,
            "q": q or None,
            "limit": limit,
            "offset": offset,
        }
        data = self._object(
            "GET",
            f"{API}/worklist",
            "worklist",
            params={k: v for k, v in params.items() if v is not None},
        )
        try:
            return WorklistPage(
                items=tuple(models.parse_item(item) for item in data["items"]),
                total=int(data["total"]),
                limit=int(data.get("limit", limit)),
                offset=int(data.get("offset", offset)),
            )
        except (KeyError, TypeError, ValueError):
            raise BadResponse("malformed worklist") from None

    def worklist(
        self,
        *,
        status: Any = None,
        modality: Any = None,
        tenant: Any = None,
        priority: Any = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        q: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[WorklistItem]:
        """The items of :meth:`worklist_page` with the same filters; each item shows its
        reading lock (``claimed_by``, ``claim_expires_at``) and ``open_critical`` count."""
        page = self.worklist_page(
            status=status,
            modality=modality,
            tenant=tenant,
            priority=priority,
            date_from=date_from,
            date_to=date_to,
            q=q,
            limit=limit,
            offset=offset,
        )
        return list(page.items)

    def study(self, study_uid: str) -> StudyDetail:
        data = self._object("GET", f"{API}/studies/{segment(study_uid)}", "study")
        try:
            return models.parse_study(data)
        except (KeyError, TypeError, ValueError):
            raise BadResponse("malformed study") from None

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        body = {"series_uid": series_uid} if series_uid is not None else {}
        data = self._object(
            "POST", f"{API}/studies/{segment(study_uid)}/urls", "URL list", json=body
        )
        try:
            return [models.parse_instance_url(u) for u in data["urls"]]
        except (KeyError, TypeError, ValueError):
            raise BadResponse("malformed URL list") from None

    def fetch(self, url: str) -> bytes:
        """Download one pre-signed object. Raises UrlExpired when the URL is no longer
        accepted (ask :meth:`instance_urls` again) and HubUnreachable on network failure."""
        return self._send("GET", url, authed=False).content

    def claim(self, study_uid: str) -> WorklistItem:
        """Take (or renew) the study's reading lock; returns the item showing the lock.
        Raises Conflict ``claimed`` - its message names the holder - while another reader
        holds it."""
        data = self._object("POST", f"{API}/studies/{segment(study_uid)}/claim", "claim")
        try:
            return models.parse_item(data)
        except (KeyError, TypeError, ValueError):
            raise BadResponse("malformed claim answer") from None

    def release(self, study_uid: str) -> None:
        """Give the reading lock back (nothing happens when none is held)."""
        self._send("DELETE", f"{API}/studies/{segment(study_uid)}/claim", authed=True)
