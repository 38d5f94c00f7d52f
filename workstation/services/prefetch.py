"""Which studies to fetch before the reader asks: the priors of the open study and the next
studies of the worklist.

A reader goes down the worklist in its order (STAT first, then oldest), so the next few
unreported studies are the ones opened next; having them in the cache makes the next
"open" instant even on a slow line. Priors are what a reader compares with, so they come
right after the open study itself (see ``download_queue.Tier``).
"""

from __future__ import annotations

from collections.abc import Sequence

from workstation.core.study import StudyDetail, WorklistItem

DEFAULT_PREFETCH = 3


def next_to_prefetch(worklist: Sequence[WorklistItem], current_uid: str | None,
                     k: int = DEFAULT_PREFETCH) -> list[tuple[str, str]]:
    """(tenant, study UID) of the next ``k`` studies after ``current_uid`` that still need
    a report, in worklist order; from the top when ``current_uid`` is not in the list."""
    if k <= 0:
        return []
    uids = [item.study_uid for item in worklist]
    start = uids.index(current_uid) + 1 if current_uid in uids else 0
    chosen: list[tuple[str, str]] = []
    for item in worklist[start:]:
        if item.status.is_reported or item.study_uid == current_uid:
            continue
        chosen.append((item.tenant_id, item.study_uid))
        if len(chosen) == k:
            break
    return chosen


def prior_studies(detail: StudyDetail) -> list[tuple[str, str]]:
    """(tenant, study UID) of the study's priors, most recent first (hub order)."""
    return [(p.tenant_id, p.study_uid) for p in detail.priors
            if p.study_uid != detail.item.study_uid]
