"""The reading lock object: states, renewal and release ordering."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from workstation.hub.errors import Conflict, HubUnreachable
from workstation.ui.study_claim import ClaimState, StudyClaim, holder_of
from workstation.ui.workers import TaskRunner


class LockClient:
    """``claim``/``release`` answering from queues; ``gate`` holds claims back."""

    def __init__(self, item, answers=()):
        self.item = item
        self.answers = list(answers)
        self.claims = 0
        self.releases = 0
        self.gate = threading.Event()
        self.gate.set()

    def claim(self, study_uid):
        self.gate.wait(5)
        self.claims += 1
        answer = self.answers.pop(0) if self.answers else None
        if isinstance(answer, Exception):
            raise answer
        expires = answer or datetime.now(UTC) + timedelta(minutes=30)
        return replace(self.item, claimed_by="dr.test", claim_expires_at=expires)

    def release(self, study_uid):
        self.releases += 1


def make_claim(qtbot, client):
    runner = TaskRunner(max_threads=2)
    claim = StudyClaim(client, client.item.study_uid, runner)
    claim._keep = runner  # the runner lives as long as the claim in these tests
    return claim


def test_claim_is_renewed_at_half_its_remaining_life(qtbot, item_factory):
    client = LockClient(item_factory(1), [datetime.now(UTC) + timedelta(seconds=40)])
    claim = make_claim(qtbot, client)
    with qtbot.waitSignal(claim.item_changed, timeout=5000) as blocker:
        claim.claim()
    assert blocker.args[0].claimed_by == "dr.test"
    assert claim.state is ClaimState.MINE
    # 40 s left: renewed after 20 s (timers may run up to 5 % late).
    assert 19_000 <= claim._renew.remainingTime() <= 21_000
    claim._renew.setInterval(10)
    claim._renew.start()
    qtbot.waitUntil(lambda: client.claims == 2, timeout=5000)
    qtbot.waitUntil(lambda: claim._renew.remainingTime() > 60_000, timeout=5000)
    assert claim.state is ClaimState.MINE  # no "pending" flicker while renewing
    done = []
    claim.release(lambda: done.append(1))
    qtbot.waitUntil(lambda: done == [1], timeout=5000)
    assert client.releases == 1 and not claim._renew.isActive()
    claim.release()
    assert client.releases == 1  # only once


def test_failed_renewal_keeps_the_lock_and_tries_again(qtbot, item_factory):
    client = LockClient(item_factory(1), [None, HubUnreachable()])
    claim = make_claim(qtbot, client)
    claim.claim()
    qtbot.waitUntil(lambda: claim.state is ClaimState.MINE, timeout=5000)
    claim._renew_now()
    qtbot.waitUntil(lambda: client.claims == 2, timeout=5000)
    qtbot.waitUntil(lambda: 0 < claim._renew.remainingTime() <= 30_000, timeout=5000)
    assert claim.state is ClaimState.MINE


def test_lock_held_by_another_reader(qtbot, item_factory):
    until = "2026-01-05T09:30:00Z"
    refusal = Conflict(
        "claimed", "being read by Dr Other until 09:30 UTC", 409,
        details={"by": "dr.other", "expires_at": until},
    )  # fmt: skip
    client = LockClient(item_factory(1), [refusal])
    claim = make_claim(qtbot, client)
    claim.claim()
    qtbot.waitUntil(lambda: claim.state is ClaimState.HELD, timeout=5000)
    assert claim.holder == "dr.other"
    assert claim.expires_at == datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    assert claim.message == "being read by Dr Other until 09:30 UTC"
    claim.release()
    assert client.releases == 0  # not ours
    assert holder_of(Conflict("claimed", "x", 409)) == ("", None)


def test_other_failures_leave_the_study_unlocked(qtbot, item_factory):
    client = LockClient(item_factory(1), [HubUnreachable("hub down")])
    claim = make_claim(qtbot, client)
    claim.claim()
    qtbot.waitUntil(lambda: claim.state is ClaimState.FAILED, timeout=5000)
    assert claim.message == "hub down"


def test_release_while_the_claim_is_on_its_way(qtbot, item_factory):
    client = LockClient(item_factory(1))
    client.gate.clear()
    claim = make_claim(qtbot, client)
    claim.claim()
    assert claim.state is ClaimState.PENDING
    done = []
    claim.release(lambda: done.append(1))  # the viewer closed before the hub answered
    client.gate.set()
    qtbot.waitUntil(lambda: done == [1], timeout=5000)
    assert client.claims == 1 and client.releases == 1  # the late lock is given back
    assert claim.state is ClaimState.RELEASED
