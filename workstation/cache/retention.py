"""How much the cache may hold and for how long: the size budget and the retention period.

A reading laptop has finite disk, and health data should not stay on it longer than the
reading needs (KVKK art. 4 and GDPR art. 5(1)(e), storage limitation). Two rules follow:

* **budget** - when the cache holds more than ``budget_bytes``, whole studies are evicted,
  least recently used first, until it is back under ``low_water`` of the budget (the
  margin keeps every following write from evicting again). A study that is open in the
  viewer is never evicted, even if that leaves the cache over budget for a while;
* **retention** - a study not accessed for ``retention_days`` is deleted, unless open.

Eviction works on whole studies: a study with some slices missing is of no use to a
reader and would be fetched again anyway. Sizes are plaintext bytes (each file adds 32
bytes of sealing, negligible next to a DICOM instance).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from workstation.cache.index import StudyUsage

log = logging.getLogger(__name__)

GB = 1000**3
DEFAULT_BUDGET_BYTES = 20 * GB
DEFAULT_RETENTION_DAYS = 30.0
DAY_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class CachePolicy:
    """``retention_days`` None keeps studies until the budget needs their space."""

    budget_bytes: int = DEFAULT_BUDGET_BYTES
    retention_days: float | None = DEFAULT_RETENTION_DAYS
    low_water: float = 0.9

    def __post_init__(self) -> None:
        if self.budget_bytes <= 0:
            raise ValueError("the cache budget must be positive")
        if self.retention_days is not None and self.retention_days <= 0:
            raise ValueError("the retention period must be positive (or None)")
        if not 0.0 < self.low_water <= 1.0:
            raise ValueError("low_water is a fraction of the budget, within (0, 1]")


def plan_eviction(
    studies: Sequence[StudyUsage], usage: int, pinned: Collection[str], policy: CachePolicy
) -> list[StudyUsage]:
    """The studies to evict, least recently used first, so that ``usage`` drops to the low
    water mark; nothing when within budget. Pinned (open) studies are skipped."""
    if usage <= policy.budget_bytes:
        return []
    target = int(policy.budget_bytes * policy.low_water)
    chosen: list[StudyUsage] = []
    for study in sorted(studies, key=lambda s: (s.last_access, s.study_tag)):
        if usage <= target:
            break
        if study.study_tag in pinned:
            continue
        chosen.append(study)
        usage -= study.size
    return chosen


def plan_expiry(
    studies: Sequence[StudyUsage], now: float, pinned: Collection[str], policy: CachePolicy
) -> list[StudyUsage]:
    """The studies last accessed more than ``retention_days`` ago, except pinned ones."""
    if policy.retention_days is None:
        return []
    cutoff = now - policy.retention_days * DAY_SECONDS
    return [s for s in studies if s.last_access < cutoff and s.study_tag not in pinned]


class Budget:
    """Usage accounting, open-study pins and the eviction trigger of one store.

    ``studies`` lists the store's studies (``ObjectIndex.studies``); ``drop`` deletes one
    study by tag and reports the bytes freed through ``shrink``. Thread-safe: downloads
    write from a pool, so eviction is serialised and a writer that finds an eviction in
    progress simply carries on.
    """

    def __init__(self, policy: CachePolicy, usage: int,
                 studies: Callable[[], list[StudyUsage]], drop: Callable[[str], object]) -> None:
        self.policy = policy
        self._usage = usage
        self._studies = studies
        self._drop = drop
        self._pinned: Counter[str] = Counter()
        self._lock = threading.Lock()  # guards _pinned, _usage and _recheck_at
        self._evicting = threading.Lock()
        self._recheck_at = 0  # usage above which to try evicting again (see grow)

    @property
    def usage(self) -> int:
        with self._lock:
            return self._usage

    def pinned(self) -> set[str]:
        with self._lock:
            return set(self._pinned)

    def pin(self, tag: str) -> None:
        with self._lock:
            self._pinned[tag] += 1

    def unpin(self, tag: str) -> None:
        with self._lock:
            if self._pinned[tag] <= 1:
                self._pinned.pop(tag, None)
                self._recheck_at = 0  # the study may now make room
            else:
                self._pinned[tag] -= 1

    def is_pinned(self, tag: str) -> bool:
        with self._lock:
            return self._pinned[tag] > 0

    def reset(self) -> None:
        with self._lock:
            self._usage = 0
            self._recheck_at = 0

    def shrink(self, freed: int) -> None:
        with self._lock:
            self._usage -= freed

    def grow(self, delta: int) -> None:
        """Account for a write; evict when over budget. When a pass could not get under
        the budget (everything left is open), the next one waits until another 1% of the
        budget has been written, so a large open study does not rescan the index on
        every slice."""
        with self._lock:
            self._usage += delta
            over = self._usage > max(self.policy.budget_bytes, self._recheck_at)
        if over and self._evicting.acquire(blocking=False):
            try:
                self._evict()
            finally:
                self._evicting.release()

    def enforce(self, now: float) -> tuple[int, int]:
        """Retention, then the budget: (studies expired, studies evicted)."""
        with self._evicting:
            expired = plan_expiry(self._studies(), now, self.pinned(), self.policy)
            for study in expired:
                self._drop(study.study_tag)
            return len(expired), self._evict()

    def _evict(self) -> int:
        victims = plan_eviction(self._studies(), self.usage, self.pinned(), self.policy)
        for study in victims:
            self._drop(study.study_tag)
        with self._lock:
            over = self._usage > self.policy.budget_bytes
            self._recheck_at = self._usage + self.policy.budget_bytes // 100 if over else 0
        if victims:
            log.info("cache over budget: evicted %d least recently used studies", len(victims))
        return len(victims)
