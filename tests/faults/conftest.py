"""Fixtures of the fault suite: the module's healthy portal, its clean run, its hostile sites."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faults import EXIT_OK, Summary, audit, summarize
from tests.sites.hostile import HEALTHY_EXPECTED, HostileSite, healthy_portal, serving


@pytest.fixture(scope="module")
def healthy(as_of, request) -> Iterator[HostileSite]:
    """The module's healthy portal; a module sets HEALTHY_SLOW_S to hold its stale list back."""
    site = healthy_portal(as_of, slow_s=getattr(request.module, "HEALTHY_SLOW_S", 0.0))
    with serving([site]):
        yield site


@pytest.fixture(scope="module")
def clean(healthy, as_of, tmp_path_factory) -> Summary:
    """The healthy portal audited alone (once per module): the yardstick, checked against what it must say."""
    work = tmp_path_factory.mktemp("clean")
    done = audit(work, [healthy], as_of, name="clean")
    assert done.returncode == EXIT_OK, done.describe()
    bundle = done.bundle("healthy")
    assert bundle is not None
    summary = summarize(bundle)
    assert summary.columns == HEALTHY_EXPECTED.columns, summary
    assert summary.findings == HEALTHY_EXPECTED.findings, summary
    return summary


@pytest.fixture(scope="module")
def hostile(request, as_of) -> Iterator[dict[str, HostileSite]]:
    """The module's hostile sites (its HOSTILE list of factories), served for the module's lifetime."""
    sites = [factory(as_of) for factory in request.module.HOSTILE]
    with serving(sites):
        yield {s.site_id: s for s in sites}
