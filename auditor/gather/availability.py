"""Whether the home page answers at all, before anything else is read (站点无法访问, indicators.md §6).

One attempt is one plain GET of the home URL within the indicator's 15 s (cut to the scenario's page timeout);
a failed first attempt is tried again `availability_retries` times, spaced. A site none of whose attempts
answered below 400 is recorded as unavailable and its other checks are skipped: the bundle is still written.
One run never makes the veto: that needs a week of probes (the prober's samples, `AvailabilityFacts.probes`).
"""

from __future__ import annotations

import asyncio

from auditor.gather.network import SiteNetwork, refusal_kind
from auditor.model.artifacts import AvailabilityFacts, ProbeAttempt
from auditor.settings.runtime import RuntimeSettings
from auditor.windows import now_in_shanghai


def attempt_budget(runtime: RuntimeSettings, page_timeout_s: float) -> float:
    """One attempt's limit: the indicator's 15 s, or the scenario's shorter page timeout (recorded as used)."""
    return min(runtime.availability_timeout_s, page_timeout_s)


async def probe_home(
    net: SiteNetwork, url: str, runtime: RuntimeSettings, page_timeout_s: float
) -> AvailabilityFacts | None:
    """The attempts; None when robots.txt forbids the home page (that is no answer about availability)."""
    budget = attempt_budget(runtime, page_timeout_s)
    pause = min(runtime.availability_retry_pause_s, budget / 2)
    facts = AvailabilityFacts(url=url, budget_s=budget, answered=False)
    for attempt in range(1 + max(0, runtime.availability_retries)):
        if attempt:
            await asyncio.sleep(pause)
        sent = now_in_shanghai()
        # A small body cap: availability is the answer, not the page (the page is read again by the browser).
        response = await net.fetch(url, timeout=budget, max_bytes=256 * 1024)
        if refusal_kind(response) == "robots":
            return None
        ok = response.status is not None and response.status < 400 and not response.timed_out
        # An answer too large for the cap is still an answer.
        ok = ok and (response.error is None or response.truncated)
        facts.attempts.append(
            ProbeAttempt(
                at=sent,
                status=response.status,
                elapsed_ms=round(response.elapsed_ms, 1),
                error=None if ok else (response.error or f"HTTP {response.status}"),
                timed_out=response.timed_out,
                ok=ok,
            )
        )
        if ok:
            facts.answered = True
            break
    return facts


__all__ = ["attempt_budget", "probe_home"]
