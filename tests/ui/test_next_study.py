"""Which study "Next study" picks."""

from __future__ import annotations

from dataclasses import replace

from workstation.core.study import Priority, StudyStatus
from workstation.ui.next_study import next_unread


def test_next_unread_follows_priority_order_and_wraps(item_factory):
    stat_old = item_factory(1, Priority.STAT, minutes_ago=50)
    stat_new = item_factory(2, Priority.STAT, minutes_ago=5)
    urgent = item_factory(3, Priority.URGENT, minutes_ago=90)
    routine_a = item_factory(4, minutes_ago=300)
    routine_b = item_factory(5, minutes_ago=200)
    items = [routine_b, urgent, stat_new, routine_a, stat_old]  # any order from the hub

    visited: set[str] = set()

    def pick(current):
        if current is not None:
            visited.add(current.study_uid)
        chosen = next_unread(items, current.study_uid if current else None, "me", visited)
        return chosen.accession if chosen else None

    def report(item):
        items[items.index(item)] = replace(item, status=StudyStatus.FINAL)

    assert pick(None) == "ACC0001"  # nothing open: the top of the list
    report(stat_old)
    assert pick(stat_old) == "ACC0002"
    report(stat_new)
    assert pick(stat_new) == "ACC0003"
    assert pick(urgent) == "ACC0004"  # urgent left unread: the list moves on...
    assert pick(routine_a) == "ACC0005"  # ...and does not bounce back to it
    assert pick(routine_b) == "ACC0003"  # after the last one it wraps round


def test_more_urgent_study_arriving_is_never_skipped(item_factory):
    routine_a = item_factory(1, minutes_ago=300)
    routine_b = item_factory(2, minutes_ago=200)
    late_stat = item_factory(3, Priority.STAT, minutes_ago=1)
    items = [routine_a, routine_b, late_stat]
    visited = {routine_a.study_uid}
    assert next_unread(items, routine_a.study_uid, "me", visited).accession == "ACC0003"
    # Once looked at and left unread, it takes its turn like the others.
    visited.add(late_stat.study_uid)
    assert next_unread(items, routine_a.study_uid, "me", visited).accession == "ACC0002"


def test_only_unread_studies_nobody_else_holds(item_factory):
    reported = item_factory(1, Priority.STAT, StudyStatus.FINAL)
    in_progress = item_factory(2, Priority.STAT, StudyStatus.IN_PROGRESS)
    theirs = replace(item_factory(3, Priority.STAT), claimed_by="dr.other")
    mine = replace(item_factory(4, Priority.URGENT), claimed_by="me")
    free = item_factory(5)
    items = [reported, in_progress, theirs, mine, free]
    assert next_unread(items, None, "me").accession == "ACC0004"
    assert next_unread(items, mine.study_uid, "me").accession == "ACC0005"
    assert next_unread(items, free.study_uid, "me").accession == "ACC0004"
    assert next_unread([reported, theirs], None, "me") is None
    # The study open now is not "next", even when it is the only candidate.
    assert next_unread([free], free.study_uid, "me") is None
