"""The notice's sampling of new-media accounts (indicators.md §12), reproducible from what the bundle records.

Shanghai 2021 Q1 checked every account of the 16 district governments (普查) plus city departments' accounts,
315 of 1,610, "超过政务新媒体账号总数10%以上". `draw_sample` takes every account of the chosen owner groups, then
draws from the rest until the sample is more than `share` of all accounts. The draw orders the rest by
sha256(seed | account key), not by `random`: the same seed over the same registry gives the same accounts on any
machine and Python version, and an account's place does not depend on the order of the registry's rows.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.model.artifacts import SampleFacts
from auditor.scenario import Account

METHOD = "all accounts of the groups, then the rest ordered by sha256(seed|platform|name|url) until > share of total"


@dataclass(frozen=True)
class SampleRequest:
    """`--sample`: the groups checked in full, the share to exceed, and the seed (None: a fresh one, recorded)."""

    groups: tuple[str, ...] = ()
    share: float = 0.10
    seed: int | None = None


def _rank(seed: int, account: Account) -> str:
    return hashlib.sha256(f"{seed}|{account.key}".encode()).hexdigest()


def needed(total: int, share: float) -> int:
    """The smallest sample that is more than `share` of `total` (10 % of 1,610 is 161: 162 exceed it)."""
    return min(total, math.floor(total * share + 1e-9) + 1) if total else 0


def draw_sample(accounts: Sequence[Account], request: SampleRequest) -> tuple[list[Account], SampleFacts]:
    seed = request.seed if request.seed is not None else secrets.randbelow(2**31)
    groups = set(request.groups)
    in_groups = [a for a in accounts if a.group in groups]
    rest = [a for a in accounts if a.group not in groups]
    want = max(0, needed(len(accounts), request.share) - len(in_groups))
    drawn = {a.key for a in sorted(rest, key=lambda a: _rank(seed, a))[:want]}
    # Registry order, so that the bundle reads like the registry.
    sampled = [a for a in accounts if a.group in groups or a.key in drawn]
    facts = SampleFacts(
        method=METHOD,
        seed=seed,
        groups=list(request.groups),
        share=request.share,
        total=len(accounts),
        in_groups=len(in_groups),
        drawn=len(drawn),
        sampled=len(sampled),
        keys=[a.key for a in sampled],
    )
    return sampled, facts
