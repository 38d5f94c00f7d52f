"""Which study "Next study" (Ctrl+N) opens.

Candidates are the unread studies on the worklist that nobody else holds, in reading order
(STAT first, then the longest waiting). A study more urgent than the one just read, and not
yet looked at in this session, comes first, so a STAT that arrived during a routine case is
never skipped. Otherwise the reader moves on from where they are in the list, wrapping round
to the top: a study they opened and left unread comes back only after the others, instead of
every other time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from workstation.core.study import StudyStatus, WorklistItem


def is_candidate(item: WorklistItem, username: str) -> bool:
    return item.status is StudyStatus.UNREAD and item.claimed_by in ("", username)


def next_unread(
    items: Sequence[WorklistItem],
    current_uid: str | None,
    username: str,
    visited: Collection[str] = (),
) -> WorklistItem | None:
    """The study to open after ``current_uid`` (None: nothing open, take the first).
    ``visited`` holds the studies already opened in this session."""
    ordered = sorted(items, key=lambda i: i.sort_key)
    candidates = [i for i in ordered if i.study_uid != current_uid and is_candidate(i, username)]
    if not candidates:
        return None
    position = next((n for n, i in enumerate(ordered) if i.study_uid == current_uid), None)
    if position is None:
        return candidates[0]
    current = ordered[position]
    more_urgent = [
        i
        for i in candidates
        if i.priority.rank < current.priority.rank and i.study_uid not in visited
    ]
    if more_urgent:
        return more_urgent[0]
    after = {i.study_uid for i in ordered[position + 1 :]}
    return next((i for i in candidates if i.study_uid in after), candidates[0])
