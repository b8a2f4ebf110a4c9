"""The notice's sampling of new-media accounts: every account of the chosen groups, then a seeded draw of the rest
until the sample is more than the share of all accounts ("超过政务新媒体账号总数10%以上": 315 of 1,610 in
Shanghai 2021 Q1). The bundle records seed and method so that anyone can draw the same sample again.
"""

from __future__ import annotations

import hashlib
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.gather.sampling import METHOD, SampleRequest, draw_sample, needed
from auditor.scenario import Account

PLATFORMS = ("wechat", "weibo", "douyin", "dayu", "netease", "toutiao", "bilibili", "kuaishou")
DISTRICTS = ("黄浦", "徐汇", "长宁", "静安", "普陀", "虹口", "杨浦", "闵行", "宝山", "嘉定", "浦东", "金山", "松江", "青浦", "奉贤", "崇明")  # fmt: skip
DEPARTMENTS = ("市场监管", "生态环境", "交通", "卫生健康", "教育", "公安", "税务", "人社", "民政", "住建")


def _registry(districts: int, departments: int) -> list[Account]:
    """`districts` accounts of 区政府 and `departments` of 市级部门, spread over the platforms, names unique."""
    accounts = [
        Account(
            platform=PLATFORMS[i % len(PLATFORMS)],
            name=f"上海{DISTRICTS[i % len(DISTRICTS)]}{i}",
            owner=f"{DISTRICTS[i % len(DISTRICTS)]}区人民政府",
            group="区政府",
            url=f"https://weibo.com/sh{i}" if i % 3 else None,
        )
        for i in range(districts)
    ]
    accounts += [
        Account(
            platform=PLATFORMS[i % len(PLATFORMS)],
            name=f"{DEPARTMENTS[i % len(DEPARTMENTS)]}发布{i}",
            owner=f"上海市{DEPARTMENTS[i % len(DEPARTMENTS)]}局",
            group="市级部门",
        )
        for i in range(departments)
    ]
    return accounts


def _keys(accounts: list[Account]) -> list[str]:
    return [a.key for a in accounts]


# ---------------------------------------------------------------------------------------------- needed


@pytest.mark.parametrize(
    ("total", "share", "want"),
    [
        (1610, 0.10, 162),  # 10 % is 161: only 162 exceed it
        (10, 0.10, 2),
        (10, 1.0, 10),  # everything, never more than there is
        (1, 1.0, 1),
        (1, 0.10, 1),
        (0, 0.10, 0),
        (140, 0.10, 15),
        (100, 0.29, 30),  # 0.29 * 100 is 28.999… in floating point: still 30 (29 does not exceed 29 %)
        (100, 0.5, 51),
        (3, 0.5, 2),
    ],
)
def test_needed(total: int, share: float, want: int) -> None:
    assert needed(total, share) == want


# ---------------------------------------------------------------------------------------------- draw_sample


def test_shanghai_sized_registry_is_more_than_ten_percent() -> None:
    registry = _registry(120, 1490)
    sample, facts = draw_sample(registry, SampleRequest(groups=("区政府",), share=0.10, seed=20210321))
    assert len(registry) == 1610
    assert len(sample) == 162
    assert (facts.total, facts.in_groups, facts.drawn, facts.sampled) == (1610, 120, 42, 162)
    assert (facts.seed, facts.groups, facts.share, facts.method) == (20210321, ["区政府"], 0.10, METHOD)
    assert facts.keys == _keys(sample)
    assert {a.key for a in registry if a.group == "区政府"} <= set(facts.keys)
    assert sum(1 for a in sample if a.group == "市级部门") == 42


def test_groups_larger_than_the_share_are_all_taken_and_nothing_is_drawn() -> None:
    registry = _registry(300, 1310)
    sample, facts = draw_sample(registry, SampleRequest(groups=("区政府",), seed=7))
    assert len(sample) == 300
    assert (facts.in_groups, facts.drawn, facts.sampled) == (300, 0, 300)
    assert all(a.group == "区政府" for a in sample)


def test_every_group_named_is_taken_in_full() -> None:
    registry = _registry(20, 30)
    sample, facts = draw_sample(registry, SampleRequest(groups=("区政府", "市级部门"), share=0.10, seed=1))
    assert _keys(sample) == _keys(registry)
    assert (facts.in_groups, facts.drawn) == (50, 0)


def test_no_groups_draws_the_share_from_everyone() -> None:
    registry = _registry(40, 60)
    sample, facts = draw_sample(registry, SampleRequest(share=0.10, seed=3))
    assert len(sample) == 11
    assert (facts.groups, facts.in_groups, facts.drawn) == ([], 0, 11)


def test_share_one_takes_every_account() -> None:
    registry = _registry(5, 25)
    sample, facts = draw_sample(registry, SampleRequest(share=1.0, seed=5))
    assert _keys(sample) == _keys(registry)
    assert facts.drawn == 30


def test_empty_registry() -> None:
    sample, facts = draw_sample([], SampleRequest(groups=("区政府",), seed=5))
    assert sample == []
    assert (facts.total, facts.sampled, facts.keys) == (0, 0, [])


def test_sample_keeps_registry_order() -> None:
    registry = _registry(30, 200)
    sample, _facts = draw_sample(registry, SampleRequest(groups=("区政府",), seed=11))
    positions = [registry.index(a) for a in sample]
    assert positions == sorted(positions)


def test_same_seed_same_sample() -> None:
    registry = _registry(30, 400)
    request = SampleRequest(groups=("区政府",), share=0.10, seed=424242)
    first, first_facts = draw_sample(registry, request)
    second, second_facts = draw_sample(list(registry), request)
    assert _keys(first) == _keys(second)
    assert first_facts == second_facts


def test_different_seeds_usually_draw_different_accounts() -> None:
    registry = _registry(10, 400)
    drawn = {
        frozenset(_keys(draw_sample(registry, SampleRequest(groups=("区政府",), seed=seed))[0])) for seed in range(6)
    }
    # 32 of 400 drawn each time: two seeds drawing the same 32 is all but impossible.
    assert len(drawn) == 6


def test_registry_order_does_not_change_the_set() -> None:
    registry = _registry(25, 300)
    request = SampleRequest(groups=("区政府",), seed=99)
    shuffled = list(registry)
    random.Random(1).shuffle(shuffled)
    assert shuffled != registry
    assert set(_keys(draw_sample(registry, request)[0])) == set(_keys(draw_sample(shuffled, request)[0]))


def test_draw_does_not_depend_on_the_random_module() -> None:
    registry = _registry(5, 200)
    request = SampleRequest(seed=8)
    random.seed(1)
    first = _keys(draw_sample(registry, request)[0])
    random.seed(2)
    assert _keys(draw_sample(registry, request)[0]) == first


def test_draw_follows_the_recorded_method() -> None:
    # The bundle records METHOD and the seed: anyone redrawing by that description gets the same accounts.
    registry = _registry(12, 180)
    seed = 20210321
    _sample, facts = draw_sample(registry, SampleRequest(groups=("区政府",), share=0.10, seed=seed))
    rest = [a for a in registry if a.group != "区政府"]
    ranked = sorted(
        rest,
        key=lambda a: hashlib.sha256(f"{seed}|{a.platform}|{a.name}|{a.url or ''}".encode()).hexdigest(),
    )
    want = needed(len(registry), 0.10) - 12
    expected = {a.key for a in registry if a.group == "区政府"} | {a.key for a in ranked[:want]}
    assert set(facts.keys) == expected


def test_seed_is_chosen_and_recorded_when_none_is_given() -> None:
    registry = _registry(10, 300)
    sample, facts = draw_sample(registry, SampleRequest(groups=("区政府",), seed=None))
    assert 0 <= facts.seed < 2**31
    again, _facts = draw_sample(registry, SampleRequest(groups=("区政府",), seed=facts.seed))
    assert _keys(again) == _keys(sample)
    seeds = {draw_sample(registry, SampleRequest(seed=None))[1].seed for _ in range(5)}
    assert len(seeds) > 1  # a fresh seed each time, not a constant


# ---------------------------------------------------------------------------------------------- properties

GROUP_NAMES = ("区政府", "市级部门", "街镇", None)


@st.composite
def registries(draw: st.DrawFn) -> list[Account]:
    size = draw(st.integers(min_value=0, max_value=120))
    groups = draw(st.lists(st.sampled_from(GROUP_NAMES), min_size=size, max_size=size))
    platforms = draw(st.lists(st.sampled_from(PLATFORMS), min_size=size, max_size=size))
    return [
        Account(platform=platform, name=f"账号{index}", group=group)
        for index, (group, platform) in enumerate(zip(groups, platforms, strict=True))
    ]


requests = st.builds(
    SampleRequest,
    groups=st.lists(st.sampled_from(("区政府", "市级部门", "街镇")), unique=True, max_size=3).map(tuple),
    share=st.floats(min_value=0.001, max_value=1.0, allow_nan=False),
    seed=st.integers(min_value=0, max_value=2**63 - 1),
)


@settings(max_examples=200, deadline=None)
@given(registry=registries(), request=requests)
def test_sample_properties(registry: list[Account], request: SampleRequest) -> None:
    sample, facts = draw_sample(registry, request)
    keys = _keys(sample)
    total = len(registry)
    # Subset of the registry, no account twice.
    assert set(keys) <= set(_keys(registry))
    assert len(set(keys)) == len(keys)
    # Every account of the chosen groups.
    in_groups = [a.key for a in registry if a.group in request.groups]
    assert set(in_groups) <= set(keys)
    # More than the share (exactly: the float's own value), unless it is everything.
    assert len(sample) == total or Fraction(len(sample)) > Fraction(request.share) * total
    # And no bigger than it has to be: the groups, or the smallest count above the share.
    assert len(sample) == max(len(in_groups), needed(total, request.share))
    # What the bundle records adds up.
    assert (facts.total, facts.in_groups, facts.sampled) == (total, len(in_groups), len(sample))
    assert facts.in_groups + facts.drawn == facts.sampled
    assert facts.keys == keys
    assert facts.seed == request.seed


@settings(max_examples=100, deadline=None)
@given(registry=registries(), request=requests, data=st.data())
def test_sample_set_ignores_registry_order(
    registry: list[Account], request: SampleRequest, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(registry))
    assert set(_keys(draw_sample(registry, request)[0])) == set(_keys(draw_sample(shuffled, request)[0]))


@settings(max_examples=200, deadline=None)
@given(total=st.integers(min_value=0, max_value=100_000), share=st.floats(min_value=0.0001, max_value=1.0))
def test_needed_is_the_smallest_count_above_the_share(total: int, share: float) -> None:
    count = needed(total, share)
    assert 0 <= count <= total
    exact = Fraction(share) * total
    assert count == total or Fraction(count) > exact
    # One fewer would not exceed it (up to the rounding slack the function allows for 0.29 * 100).
    assert count == 0 or Fraction(count - 1) <= exact + Fraction(1, 10**6)
