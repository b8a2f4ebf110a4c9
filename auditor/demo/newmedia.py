"""The demo's government new-media accounts (issue #10): the registry page 青溪区政务新媒体矩阵 on the portal and
eighteen accounts on the notice's five platforms, each served on the platform's real host with the markup the
platform adapters read (auditor/platforms/, modelled on tests/fixtures/newmedia/).

The registry, http://www.qingxi.gov.cn/portal/xmt/, is a CMS table 序号/类型/账号名称/开设主体/分组/链接 whose
开设主体 and 分组 cells are merged (rowspan) over an owner's accounts; its groups are 区政府, 区级部门 and 街镇.
Each account's page shows one case the audit must get right (tests/demo_expected.py EXPECTED_ACCOUNTS):

- fresh, with full times (网易号), year-less dates (微博 mobile "03-19", 抖音 "03-08") and the WeChat album's
  Unix times formatted by the page's script ("3月20日");
- relative times: 刚刚, 5小时前, 昨天 18:02 (大鱼号), 前天, 3天前 (抖音), 5小时前 behind a full title (微博);
- a pinned old post above newer ones (fresh), and a pinned FRESH video above old ones (stale: 置顶 never counts);
- stale: every post 20 or more days before T, also as raw Unix times a formatting script never touched;
- rendered by script after load, as the real sites are: the Weibo feed arrives from its ajax API
  (/ajax/statuses/mymblog), every Douyin grid is built from the page's RENDER_DATA;
- walls: a WeChat history page (profile_ext, "请在微信客户端打开链接") that the scenario's manual entry resolves
  as stale (an inspector saw its newest post of T-23 in the WeChat client), a Weibo account whose visit lands on
  the visitor system (302 to passport.weibo.com, "Sina Visitor System": needs review) and a Weibo account that
  says 该账号已注销 (needs review).

Times. The pages are pure functions of (path, T, now). Relative times are relative to the page's clock, which is
the moment it is served when T is today in Asia/Shanghai: a live page. Two pages are copies that declare when they
were taken even then — 青溪司法 (网易号) with a `Memento-Datetime` header, 青溪教育 (微信) with
<meta name="snapshot-time"> — taken three hours before (never before T's midnight), and their times count from
that moment. When T is any other day (the tests run with --as-of 2021-03-21), the demo serves every account "as it
was on T": each page is a snapshot taken at T 20:00 +08:00 and declares it (青溪教育 by its meta, every other page by
the header, the visitor and login walls too), so the auditor resolves 5小时前 against T 20:00, not against today;
without the declaration relative times would count from the real clock and every date would be wrong. Scripts
that format times read the page's clock from the page ($CONFIG.servertime, svr_time, RENDER_DATA.serverTime),
never the browser's.

Every account URL is http:// (the demo holds no certificate for these hosts); pages load nothing from another
host: styles and scripts are inline, pictures are CSS.

The re-check round (rectified=True) finds two of the six stale accounts posting again within the two weeks
(RECTIFIED_POSTS: 青溪人社 on 大鱼号, 云湖街道 on 抖音); the other four stay stale, every URL stays the same.
"""

# ruff: noqa: E501 - the page templates, style sheets and scripts read best unbroken

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime
from html import escape
from typing import Literal
from urllib.parse import parse_qsl, quote, urlsplit

from auditor.demo import content as c
from auditor.demo import hosts, layout
from auditor.demo.response import Response, html, json_response, redirect
from auditor.windows import SHANGHAI

REGISTRY_PATH = "/portal/xmt/"
REGISTRY_URL = f"http://{hosts.PORTAL_HOST}{REGISTRY_PATH}"
REGISTRY_TITLE = "青溪区政务新媒体矩阵"
GROUP_ID = "qingxi-xmt"
GROUP_NAME = "青溪区政务新媒体"
GROUPS = ("区政府", "区级部门", "街镇")
ARCHIVE_TIME = time(20, 0)  # "as it was on T": every account page is a snapshot taken at T 20:00 +08:00
SNAPSHOT_AGE = timedelta(hours=3)  # a live run's declared copies were taken this long before the request
# The scenario files (scenarios/qingxi-xmt*.yaml, *.csv) are written for the notice's own T.
FILE_T = date(2021, 3, 21)

Layout = Literal[
    "wechat_album", "wechat_album_raw", "wechat_wall", "weibo_feed", "weibo_visitor", "weibo_deleted",
    "weibo_mobile", "douyin", "dayu", "netease",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoPost:
    """One post: `days` before T at `at` (HH:MM[:SS]), or `ago_s` seconds before the page's clock (today's)."""

    title: str
    days: int = 0
    at: str = "09:30"
    ago_s: int | None = None
    pinned: bool = False
    post_id: str = ""
    quoted: DemoPost | None = None  # a repost's original (Weibo)

    def moment(self, as_of: date, clock: datetime) -> datetime:
        if self.ago_s is not None:
            return clock - timedelta(seconds=self.ago_s)
        hour, minute, second = (int(part) for part in (*self.at.split(":"), "0")[:3])
        return datetime.combine(as_of - timedelta(days=self.days), time(hour, minute, second), SHANGHAI)


@dataclass(frozen=True, slots=True)
class DemoAccount:
    number: int  # 序号 in the registry
    platform: str  # wechat | weibo | douyin | dayu | netease (the adapters' codes)
    type_zh: str  # the registry's 类型 cell
    name: str
    owner: str  # 开设主体
    group: str
    url: str
    layout: Layout
    posts: tuple[DemoPost, ...] = ()
    # A copy that declares when it was taken even when served live: "memento" (header) or "meta".
    snapshot: Literal["", "memento", "meta"] = ""
    bio: str = ""
    fans: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


_p = DemoPost


NEWS_OFFICE = "青溪区人民政府新闻办公室"
MARKET = "青溪区市场监督管理局"
POLICE = "青溪区公安分局"
HEALTH = "青溪区卫生健康委员会"
W, WB, DY, DAYU, NE = hosts.WECHAT_HOST, hosts.WEIBO_HOST, hosts.DOUYIN_HOST, hosts.DAYU_HOST, hosts.NETEASE_HOST

# fmt: off
ACCOUNTS: tuple[DemoAccount, ...] = (
    # ---- 区政府
    DemoAccount(1, "wechat", "微信公众号", "青溪发布", NEWS_OFFICE, "区政府",
        f"http://{W}/mp/appmsgalbum?__biz=MzA4NjEyMzQ1Ng==&action=getalbum&album_id=1789012345678901234", "wechat_album", (
        _p("青溪区召开优化营商环境推进大会", 1, "21:05", post_id="2652301234"),
        _p("一图读懂｜青溪区政府工作报告", 4, "18:30", post_id="2652301201"),
        _p("@青溪居民 这份“简易注销”办事指南请收好", 8, "12:00", post_id="2652301177"),
        _p("青溪区春季文化活动一览", 15, "17:45", post_id="2652301102"),
        _p("青溪区十大民生实事完成情况", 80, "20:00", post_id="2652300987"),
    ), bio="#青溪要闻"),
    DemoAccount(2, "weibo", "微博", "青溪发布", NEWS_OFFICE, "区政府", f"http://{WB}/u/7654321098", "weibo_feed", (
        _p("【收藏】青溪区政务服务“一网通办”常用事项清单来了！办理营业执照、社保卡、不动产登记……线上怎么办？戳图了解 #青溪办事指南#", 293, "09:00", pinned=True, post_id="JaBcD1234"),
        _p("【早安青溪】今天白天多云转晴，最高气温18℃。本周六起，青溪滨江步道开放夜间照明，开放时间为18:00至22:00。", ago_s=5 * 3600, post_id="KxYz8AbCd"),
        _p("【提醒】近期有市民反映，退订某健身会员时客服称“该账号已注销”却仍按月扣费。青溪区市场监管局提示：遇到此类情况请保留凭证，拨打12315投诉。", 1, "18:02", post_id="KxXw3EfGh"),
        _p("植树节，一起来种下春天 //@青溪区绿化市容:今年全区新增公共绿地12.6公顷。", 9, "09:30", post_id="KwAb1CdEf",
           quoted=_p("青溪区春季植树活动安排公布，欢迎市民报名参加义务植树。", 48, "10:00", post_id="Ju0aAbCdE")),
        _p("【学雷锋日】青溪区38个新时代文明实践站今天开展志愿服务活动，内容涵盖义诊、家电维修、法律咨询等。", 16, "16:40", post_id="KvQr5StUv"),
    ), bio="青溪区人民政府新闻办公室官方微博", fans="186.2万"),
    DemoAccount(3, "dayu", "大鱼号", "青溪发布", NEWS_OFFICE, "区政府",
        f"http://{DAYU}/media.html?mid=3c5e7a9b1d2f4e6a8c0b2d4f6e8a0c2e", "dayu", (
        _p("青溪区“十四五”规划建议解读", 139, "10:00", pinned=True, post_id="a0b1c2d3e4f5061728394a5b6c7d8e9f"),
        _p("春分至，青溪滨江公园樱花进入盛花期", ago_s=40, post_id="b1c2d3e4f5061728394a5b6c7d8e9fa0"),
        _p("青溪区新增3条公交线路，下周一起试运行", ago_s=5 * 3600, post_id="c2d3e4f5061728394a5b6c7d8e9fa0b1"),
        _p("青溪区召开安全生产工作会议", 1, "18:02", post_id="d3e4f5061728394a5b6c7d8e9fa0b1c2"),
        _p("第3期“青溪夜市”招募摊主，报名截至本月底", 3, "09:10", post_id="e4f5061728394a5b6c7d8e9fa0b1c2d3"),
    ), bio="青溪区人民政府新闻办公室官方大鱼号", fans="2.6万"),
    DemoAccount(4, "netease", "网易号", "青溪发布", NEWS_OFFICE, "区政府", f"http://{NE}/dy/media/T1603594732083.html", "netease", (
        _p("青溪区政务服务中心推出“周末不打烊”服务", 2, "10:20:33", post_id="G5QX1ABC0514ABCD"),
        _p("青溪区发布春季文明出行倡议", 4, "16:05:12", post_id="G5N0QWER0514ABCD"),
        _p("青溪区2个项目入选市级重大工程", 11, "09:00:00", post_id="G5F1ZXCV0514ABCD"),
        _p("春节期间青溪区公共服务安排", 41, "14:30:00", post_id="G4A9ASDF0514ABCD"),
    ), bio="青溪区人民政府新闻办公室官方网易号", fans="3.8万"),
    DemoAccount(5, "wechat", "微信公众号", "青溪政务服务", "青溪区人民政府办公室", "区政府",
        f"http://{W}/mp/profile_ext?action=home&__biz=MzkxNjIwMjEwMQ==&scene=124", "wechat_wall"),
    # ---- 区级部门
    DemoAccount(6, "douyin", "抖音", "青溪市场监管", MARKET, "区级部门",
        f"http://{DY}/user/MS4wLjABAAAAShiChang0a1b2c3d4e5f6g7h8i9", "douyin", (
        _p("“双十一”消费提示：警惕低价陷阱", 130, "12:00", pinned=True, post_id="6895550001112223334"),
        _p("3·15｜青溪区消费维权十大典型案例", 1, "18:02", post_id="6941110001112223335"),
        _p("食品安全快检车开进农贸市场", 6, "10:00", post_id="6939990001112223336"),
        _p("春节前食品安全专项检查", 44, "15:00", post_id="6925550001112223337"),
    ), bio="青溪区市场监督管理局官方抖音号", fans="8.7万"),
    DemoAccount(7, "wechat", "微信公众号", "青溪市场监管", MARKET, "区级部门",
        f"http://{W}/mp/appmsgalbum?__biz=MzI0NTY3ODkwMQ==&action=getalbum&album_id=1654321098765432109", "wechat_album_raw", (
        _p("青溪区开展春节前食品安全专项检查", 29, "10:00", post_id="2247490123"),
        _p("“双随机、一公开”抽查结果公示（第1批）", 44, "10:00", post_id="2247490101"),
        _p("青溪区消费维权典型案例发布", 70, "10:00", post_id="2247490077"),
    ), bio="#监管动态"),
    DemoAccount(8, "douyin", "抖音", "青溪公安", POLICE, "区级部门",
        f"http://{DY}/user/MS4wLjABAAAAq1x2y3z4QingXiGongAn5a6b7c8d9e0f", "douyin", (
        _p("反诈宣传｜接到“公检法”电话要求转账？立即挂断！", 81, "19:00", pinned=True, post_id="6909876543210987654"),
        _p("夜间巡逻守护平安，为每一位坚守岗位的民警点赞", 72, "21:30", pinned=True, post_id="6912345678901234567"),
        _p("春季出行，这些交通安全常识要牢记 #交通安全", 2, "16:30", post_id="6941234567890123456"),
        _p("户籍业务“网上办、掌上办”，这些事项不用跑窗口", 3, "11:00", post_id="6940987654321098765"),
        _p("三八节，致敬身边的“警花”们", 13, "10:00", post_id="6937000011112222333"),
    ), bio="青溪区公安分局官方抖音号", fans="52.3万"),
    DemoAccount(9, "weibo", "微博", "青溪公安", POLICE, "区级部门", f"http://{WB}/u/7790123456", "weibo_visitor"),
    DemoAccount(10, "douyin", "抖音", "青溪文旅", "青溪区文化和旅游局", "区级部门",
        f"http://{DY}/user/MS4wLjABAAAAWenLv0a1b2c3d4e5f6g7h8i9j0k1", "douyin", (
        _p("春日赏花季｜青溪十大赏樱点位来了", 1, "10:15", pinned=True, post_id="6941555000111222333"),
        _p("青溪非遗展示周精彩回顾", 25, "17:00", post_id="6933555000111222334"),
        _p("春节假期青溪景区接待游客12.6万人次", 41, "20:00", post_id="6927555000111222335"),
        _p("冬游青溪｜古镇灯会点亮啦", 87, "19:30", post_id="6910555000111222336"),
    ), bio="青溪区文化和旅游局官方抖音号", fans="12.1万"),
    DemoAccount(11, "netease", "网易号", "青溪司法", "青溪区司法局", "区级部门", f"http://{NE}/dy/media/T1486465837470.html", "netease", (
        _p("《民法典》宣传进社区｜青溪区开展普法志愿服务", 48, "11:08:45", post_id="G3KQ1A2B0521QXSF"),
        _p("青溪区公共法律服务中心元旦假期值班安排", 81, "17:20:00", post_id="G2TQ3C4D0521QXSF"),
        _p("“12·4”国家宪法日｜青溪区举行宪法宣誓仪式", 107, "10:00:00", post_id="G2B05E6F0521QXSF"),
    ), snapshot="memento", bio="青溪区司法局官方网易号", fans="6,312"),
    DemoAccount(12, "wechat", "微信公众号", "青溪教育", "青溪区教育局", "区级部门",
        f"http://{W}/mp/appmsgalbum?__biz=MzU3OTExNzAyMA==&action=getalbum&album_id=1712345678901234567", "wechat_album", (
        _p("青溪区义务教育阶段学校招生政策问答", 2, "17:30", post_id="2651009876"),
        _p("青溪区中小学春季学期开学工作有序进行", 9, "08:40", post_id="2651009855"),
        _p("寒假安全提示：这份清单请家长收好", 23, "16:00", post_id="2651009810"),
    ), snapshot="meta", bio="#青溪教育动态"),
    DemoAccount(13, "dayu", "大鱼号", "青溪人社", "青溪区人力资源和社会保障局", "区级部门",
        f"http://{DAYU}/media.html?mid=8d0f2b4c6e8a0c2e4a6c8e0a2c4e6a8c", "dayu", (
        _p("青溪区春风行动专场招聘会举行", 22, "15:20", post_id="1a2b3c4d01"),
        _p("灵活就业人员参保缴费指南", 31, "10:05", post_id="1a2b3c4d02"),
        _p("青溪区职业技能提升补贴申领公告", 86, "09:00", post_id="1a2b3c4d03"),
    ), bio="青溪区人力资源和社会保障局", fans="9,851"),
    DemoAccount(14, "weibo", "微博", "青溪卫健", HEALTH, "区级部门", f"http://{WB}/u/7012345678", "weibo_deleted"),
    DemoAccount(15, "netease", "网易号", "健康青溪", HEALTH, "区级部门", f"http://{NE}/dy/media/T1460009632064.html", "netease", (
        _p("青溪区启动新冠疫苗接种“移动方舱”，进社区进园区", 1, "08:00:00", post_id="G5QX2ABC0514HLTH"),
        _p("青溪区适龄妇女“两癌”免费筛查启动", 4, "16:05:12", post_id="G5N1QWER0514HLTH"),
        _p("春季传染病防控提示", 11, "09:00:00", post_id="G5F2ZXCV0514HLTH"),
    ), bio="青溪区卫生健康委员会官方网易号", fans="5.2万"),
    # ---- 街镇
    DemoAccount(16, "wechat", "微信公众号", "青溪街道", "青溪区青溪街道办事处", "街镇",
        f"http://{W}/mp/appmsgalbum?__biz=MzIyMzQ1Njc4OQ==&action=getalbum&album_id=1598765432109876543", "wechat_album", (
        _p("青溪街道“家门口”服务站开放啦", 3, "11:30", post_id="2247483921"),
        _p("青溪街道开展邻里节活动", 17, "16:20", post_id="2247483900"),
    ), bio="#青溪街道"),
    DemoAccount(17, "douyin", "抖音", "云湖街道", "青溪区云湖街道办事处", "街镇",
        f"http://{DY}/user/MS4wLjABAAAAYunHuJieDao0a1b2c3d4e5f6g7h8", "douyin", (
        _p("云湖街道开展垃圾分类宣传进小区", 20, "15:00", post_id="6934777000111222333"),
        _p("云湖街道迎新春文艺汇演", 33, "19:00", post_id="6929777000111222334"),
    ), bio="青溪区云湖街道办事处", fans="3,208"),
    DemoAccount(18, "weibo", "微博", "柳塘镇", "青溪区柳塘镇人民政府", "街镇", f"http://{hosts.WEIBO_MOBILE_HOST}/u/5588776655", "weibo_mobile", (
        _p("柳塘镇开展春季河道保洁行动", 2, "14:20", post_id="4617001122334455"),
        _p("柳塘镇农技人员下田指导春耕", 10, "09:40", post_id="4613001122334455"),
        _p("柳塘镇召开年度工作会议", 30, "10:00", post_id="4606001122334455"),
    ), bio="青溪区柳塘镇人民政府官方微博", fans="1.2万"),
)
# fmt: on
ACCOUNTS_BY_HOST: dict[str, tuple[DemoAccount, ...]] = {
    host: tuple(a for a in ACCOUNTS if a.host == host) for host in hosts.NEWMEDIA_HOSTS
}
# 青溪政务服务: the WeChat history page only the WeChat client opens.
WALLED = next(account for account in ACCOUNTS if account.layout == "wechat_wall")
# The re-check round: registry 序号 -> the post the account published after the 整改通知, on top of its old ones.
RECTIFIED_POSTS: dict[int, DemoPost] = {
    13: _p("青溪区举办退役军人专场招聘会", 2, "10:30", post_id="1a2b3c4d00"),
    17: _p("云湖街道开展“邻里守望”志愿服务活动", 3, "16:00", post_id="6940777000111222330"),
}


def rectified_account(account: DemoAccount) -> DemoAccount:
    """The account as the re-check round finds it: with its RECTIFIED_POSTS post, if it has one."""
    post = RECTIFIED_POSTS.get(account.number)
    return account if post is None else replace(account, posts=(post, *account.posts))


@dataclass(frozen=True, slots=True)
class ManualCheck:
    """The inspector's record for the walled WeChat account: its newest post, seen in the WeChat client."""

    days: int
    checked_by: str
    note: str

    def latest(self, as_of: date) -> date:
        return as_of - timedelta(days=self.days)

    def shown(self, as_of: date) -> str:
        day = self.latest(as_of)
        return f"{day.month}月{day.day}日"


# Stale: 23 days before T, so the entry stays stale for any later T too (the CSV's fixed date for FILE_T).
MANUAL = ManualCheck(23, "青溪区政务公开办公室 王敏", "历史消息页需在微信客户端查看，已在客户端核查")


def manual_yaml(as_of: date) -> str:
    """The scenario's inline `manual:` block for `auditor demo` (dates relative to T)."""
    return (
        "manual:\n  - platform: 微信\n"
        f"    name: {WALLED.name}\n"
        f"    latest_post: {MANUAL.latest(as_of).isoformat()}\n"
        f"    latest_post_text: {MANUAL.shown(as_of)}\n"
        f"    checked_by: {MANUAL.checked_by}\n"
        f"    checked_at: {as_of.isoformat()}\n"
        f"    note: {MANUAL.note}\n"
    )


def manual_csv(as_of: date = FILE_T) -> str:
    """scenarios/qingxi-xmt-manual.csv: the same entry as an inspector's spreadsheet (Chinese headers)."""
    return (
        "类型,账号名称,最新发布日期,显示时间,核查人,核查日期,备注\n"
        f"微信,{WALLED.name},{MANUAL.latest(as_of).isoformat()},{MANUAL.shown(as_of)},{MANUAL.checked_by},"
        f"{as_of.isoformat()},{MANUAL.note}\n"
    )


SAMPLING_YAML = "sampling:\n  groups: [区政府]\n  share: 0.5\n  seed: 2021\n"


# ---------------------------------------------------------------------------------------------- clocks


@dataclass(frozen=True, slots=True)
class Clock:
    """What a page's times are relative to, and how the page says so (None: a live page says nothing)."""

    now: datetime
    declared: Literal["memento", "meta"] | None


def page_clock(account: DemoAccount | None, as_of: date, now: datetime | None) -> Clock:
    """Live when T is today in Shanghai (declared copies: taken SNAPSHOT_AGE before); else the snapshot of T 20:00."""
    if now is None or now.astimezone(SHANGHAI).date() != as_of:
        return Clock(
            datetime.combine(as_of, ARCHIVE_TIME, SHANGHAI),
            account.snapshot if account and account.snapshot else "memento",
        )
    local = now.astimezone(SHANGHAI).replace(microsecond=0)
    if account is not None and account.snapshot:
        taken = max(datetime.combine(as_of, time(0), SHANGHAI), local - SNAPSHOT_AGE)
        return Clock(taken, account.snapshot)
    return Clock(local, None)


def _memento(clock: Clock) -> tuple[tuple[str, str], ...]:
    if clock.declared != "memento":
        return ()
    return (("Memento-Datetime", format_datetime(clock.now.astimezone(UTC), usegmt=True)),)


def _snapshot_meta(clock: Clock) -> str:
    if clock.declared != "meta":
        return ""
    return f'<meta name="snapshot-time" content="{clock.now.isoformat()}">\n'


def _page(text: str, clock: Clock, status: int = 200) -> Response:
    response = html(text, status)
    return Response(response.status, response.content_type, response.body, headers=_memento(clock))


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _relative(moment: datetime, now: datetime, *, days_ago_until: int = 0) -> str:
    """How 大鱼号 and m.weibo.cn print a time seen at `now`: 刚刚, 5分钟前, 5小时前, 昨天 18:02, (大鱼号) 3天前,
    03-19 this year, else 2020-12-25."""
    moment, now = moment.astimezone(SHANGHAI), now.astimezone(SHANGHAI)
    seconds = (now - moment).total_seconds()
    days = (now.date() - moment.date()).days
    if seconds < 60:
        return "刚刚"
    if seconds < 3600:
        return f"{int(seconds // 60)}分钟前"
    if seconds < 86400 and (days == 0 or days_ago_until):
        return f"{int(seconds // 3600)}小时前"
    if days == 1:
        return f"昨天 {moment:%H:%M}"
    if days < days_ago_until:
        return f"{days}天前"
    return f"{moment:%m-%d}" if moment.year == now.year else f"{moment:%Y-%m-%d}"


def _avatar(name: str, colour: str, size: int = 80) -> str:
    return (
        f'<span class="demo-avatar" style="display:inline-block;width:{size}px;height:{size}px;border-radius:50%;'
        f"background:{colour};color:#fff;text-align:center;line-height:{size}px;font-size:{size // 2.5:.0f}px;"
        f'font-weight:bold">{escape(name[:1])}</span>'
    )


def _not_found(host: str) -> Response:
    body = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>404 页面不存在</title></head>'
        f"<body><h1>404</h1><p>抱歉，您访问的页面不存在（{escape(host)}）。</p></body></html>"
    )
    return html(body, 404)


# ---------------------------------------------------------------------------------------------- registry


REGISTRY_STYLE = """<style>
.xmt { background: #fff; border: 1px solid #e2e6eb; padding: 16px 28px 28px; margin-bottom: 20px; }
.xmt h1 { text-align: center; font-size: 24px; color: #1d5fa8; margin: 8px 0 4px; }
.xmt .xmt-info { text-align: center; color: #888; font-size: 13px; margin-bottom: 14px; }
.xmt p { text-indent: 2em; }
.xmt-table { width: 100%; border-collapse: collapse; font-size: 14px; }
.xmt-table th { background: #1d5fa8; color: #fff; font-weight: normal; height: 38px; border: 1px solid #1a5596; }
.xmt-table td { border: 1px solid #d9dee5; padding: 6px 10px; text-align: center; }
.xmt-table tbody tr:nth-child(even) td { background: #f7f9fc; }
.xmt-table td a { color: #1d5fa8; }
.xmt .xmt-note { color: #666; font-size: 13px; text-indent: 0; }
</style>"""


def _registry_rows() -> str:
    rows: list[str] = []
    for index, account in enumerate(ACCOUNTS):
        cells = [
            f"<td>{account.number}</td>",
            f"<td>{escape(account.type_zh)}</td>",
            f'<td class="name">{escape(account.name)}</td>',
        ]
        # 开设主体 and 分组 are merged over consecutive rows, as CMS table editors save them.
        for key in ("owner", "group"):
            value = getattr(account, key)
            if index and getattr(ACCOUNTS[index - 1], key) == value:
                continue
            span = 1
            while index + span < len(ACCOUNTS) and getattr(ACCOUNTS[index + span], key) == value:
                span += 1
            rowspan = f' rowspan="{span}"' if span > 1 else ""
            cells.append(f"<td{rowspan}>{escape(value)}</td>")
        cells.append(
            f'<td><a href="{escape(account.url)}" target="_blank" title="{escape(account.name)}">点击访问</a></td>'
        )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(rows)


def registry_page(as_of: date, base_url: str) -> str:
    """青溪区政务新媒体矩阵: the portal's page listing every account (the new-media scenario's home)."""
    updated = as_of - timedelta(days=40)
    body = f"""{layout.crumb(("政务公开", "/portal/xxgk/"), ("政务新媒体", ""))}
{REGISTRY_STYLE}
<div class="xmt">
<h1>{REGISTRY_TITLE}</h1>
<div class="xmt-info">发布日期：{updated.isoformat()}　来源：{c.HOST_OFFICE}</div>
<p>根据《国务院办公厅关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）要求，现将青溪区政务新媒体账号信息公布如下，接受社会监督。</p>
<table class="xmt-table" cellspacing="0" cellpadding="0">
<thead><tr><th>序号</th><th>类型</th><th>账号名称</th><th>开设主体</th><th>分组</th><th>链接</th></tr></thead>
<tbody>
{_registry_rows()}
</tbody>
</table>
<p class="xmt-note">注：微信公众号历史消息请在微信客户端内查看。账号信息如有变更，请联系{c.HOST_OFFICE}（电话：{c.PHONE}）。</p>
</div>"""
    return layout.page(f"{REGISTRY_TITLE}_{c.SITE_NAME}", body, as_of, base_url, meta={"ColumnName": "政务新媒体"})


# ---------------------------------------------------------------------------------------------- shared script

# The page clock and date parts in Shanghai time whatever the browser's zone is.
CLOCK_JS = """function pad(n) { return (n < 10 ? "0" : "") + n; }
function parts(ms) { var d = new Date(ms + 8 * 3600 * 1000); return {y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), H: d.getUTCHours(), M: d.getUTCMinutes()}; }
function dayNo(ms) { return Math.floor((ms + 8 * 3600 * 1000) / 86400000); }
"""


def _json_script(data: object) -> str:
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


# ---------------------------------------------------------------------------------------------- WeChat

WECHAT_STYLE = """<style>
body { margin: 0; background: #ededed; font: 15px/1.6 -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #191919; }
.album { max-width: 677px; margin: 0 auto; background: #fff; min-height: 100vh; }
.album__head { padding: 28px 24px 20px; background: linear-gradient(160deg, #2b6bb8, #12428a); color: #fff; }
.album__label-title { font-size: 22px; font-weight: bold; }
.album__author { margin-top: 12px; display: flex; align-items: center; gap: 8px; }
.album__author-name { font-size: 15px; }
.album__head-info { margin-top: 8px; font-size: 13px; opacity: .8; }
.album__head-info-item { margin-right: 12px; }
.album__list { list-style: none; margin: 0; padding: 0 24px; }
.album__list-item { display: flex; justify-content: space-between; padding: 16px 0; border-bottom: 1px solid #f0f0f0; }
.album__item-title { font-size: 16px; font-weight: 500; }
.album__item-info { color: #b2b2b2; font-size: 13px; margin-top: 6px; }
.album__item-img { width: 70px; height: 70px; background: linear-gradient(135deg, #9fc3ea, #4f86c6); border-radius: 4px; flex: none; margin-left: 16px; }
.album__no-more { text-align: center; color: #b2b2b2; font-size: 13px; padding: 20px; }
.weui-msg { text-align: center; padding-top: 120px; }
.weui-msg__title { font-size: 20px; font-weight: normal; }
.weui-icon-info { display: inline-block; width: 64px; height: 64px; border-radius: 50%; background: #10aeff; }
</style>"""

# The album's own script turns each Unix create time into 3月19日 (this year) or 2020年12月31日.
WECHAT_FORMAT_JS = """(function () {
  var now = parseInt(window.svr_time, 10) * 1000;
  var items = document.querySelectorAll(".js_article_create_time");
  for (var i = 0; i < items.length; i++) {
    var t = parts(parseInt(items[i].textContent, 10) * 1000), n = parts(now);
    items[i].textContent = t.y === n.y ? t.m + "月" + t.d + "日" : t.y + "年" + t.m + "月" + t.d + "日";
  }
})();"""


def _biz(account: DemoAccount) -> str:
    return dict(parse_qsl(urlsplit(account.url).query)).get("__biz", "")


def wechat_album(account: DemoAccount, as_of: date, clock: Clock, *, formatted: bool) -> str:
    biz = _biz(account)
    items = []
    for index, post in enumerate(account.posts):
        link = f"http://mp.weixin.qq.com/s?__biz={biz}&amp;mid={post.post_id}&amp;idx=1&amp;sn={post.post_id[-6:]}a7c1d0e9#rd"
        items.append(
            f'<li class="album__list-item js_album_item js_wx_tap_highlight wx_tap_cell" data-msgid="{post.post_id}" data-itemidx="1" data-link="{link}" data-title="{escape(post.title)}" data-pos_num="{len(account.posts) - index}">\n'
            f'  <div class="album__item-content"><div class="album__item-title"><span class="album__item-title-wrp">{escape(post.title)}</span></div>\n'
            f'    <div class="album__item-info"><span class="js_article_create_time album__item-info-item">{_epoch(post.moment(as_of, clock.now))}</span></div></div>\n'
            '  <div class="album__item-img"></div></li>'
        )
    script = (
        f'<script>var svr_time = "{_epoch(clock.now)}";\n{CLOCK_JS}{WECHAT_FORMAT_JS}</script>' if formatted else ""
    )
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0">
{_snapshot_meta(clock)}<title>{escape(account.bio)}</title>
{WECHAT_STYLE}
<script>var biz = "{biz}" || "";</script>
</head>
<body id="activity-detail" class="zh_CN wx_wap_page wx_wap_desktop_fontsize_2 album_page">
<div class="weui-msg" style="display: none;"><div class="weui-msg__text-area"><h2 class="weui-msg__title">请在微信客户端打开链接</h2></div></div>
<div class="album js_album_container">
  <div class="album__head js_album_head"><div class="album__head-bd">
    <div class="album__label"><span class="album__label-title">{escape(account.bio)}</span></div>
    <div class="album__author">{_avatar(account.name, "#07c160", 28)}<span class="album__author-name">{escape(account.name)}</span></div>
    <div class="album__head-info"><span class="album__head-info-item">{len(account.posts) * 17 + 3}篇内容</span></div></div></div>
  <div class="album__content js_album_bd"><ul class="album__list js_album_list">
{chr(10).join(items)}
  </ul><div class="album__no-more js_no_more_album">已无更多</div></div>
</div>
<div class="weui-msg js_album_empty" style="display:none"><p class="weui-msg__desc">该合集暂无内容</p></div>
{script}
</body></html>
"""


def wechat_wall(account: DemoAccount, clock: Clock) -> str:
    """The history page (profile_ext) outside the WeChat client: a login wall, never an empty account."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0">
{_snapshot_meta(clock)}<title></title>
{WECHAT_STYLE}
</head>
<body>
<div class="weui-msg">
  <div class="weui-msg__icon-area"><i class="weui-icon-info weui-icon_msg"></i></div>
  <div class="weui-msg__text-area"><h2 class="weui-msg__title">请在微信客户端打开链接</h2></div>
</div>
<script>var __biz = "{_biz(account)}";</script>
</body></html>
"""


# ---------------------------------------------------------------------------------------------- Weibo

WEIBO_STYLE = """<style>
body { margin: 0; background: #f1f2f5; font: 14px/1.6 "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #333; }
a { color: #eb7350; text-decoration: none; }
.Nav_panel_3r5Cv { background: #fff; height: 56px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
.Nav_main_1aI_S { width: 1000px; margin: 0 auto; display: flex; align-items: center; height: 56px; gap: 24px; }
.Nav_logoWrap_2fPbO { font: bold 22px/1 sans-serif; color: #e6162d; }
.Nav_right_pDw0F a { margin-left: 18px; color: #333; }
.Frame_content_3XrxZ { width: 1000px; margin: 12px auto; display: flex; gap: 12px; }
.Frame_main_3Z_V0 { flex: 1; min-width: 0; }
.Main_side_i7Vti { width: 300px; }
.woo-panel-main { background: #fff; border-radius: 4px; margin-bottom: 10px; padding: 16px 20px; }
.ProfileHeader_box3_2R7tq { display: flex; gap: 16px; align-items: center; }
.ProfileHeader_name_1KbBs { font-size: 20px; font-weight: bold; }
.ProfileHeader_h4_gcwJi span { margin-right: 8px; color: #939393; }
.LoginCard_wrap_1IjV3 { display: flex; justify-content: space-between; align-items: center; background: #fff7f2; }
.LoginCard_wrap_1IjV3 button { background: #ff8200; color: #fff; border: 0; border-radius: 14px; padding: 4px 16px; }
.title_title_2JGBm { color: #ff8200; font-size: 12px; border: 1px solid #ff8200; border-radius: 2px; padding: 0 4px; }
.wbpro-feed-title { margin-bottom: 6px; }
header.woo-box-flex { display: flex; gap: 10px; align-items: center; }
.head_name_24eEB { font-weight: bold; color: #333; }
.head-info_info_2AspQ { font-size: 12px; color: #939393; }
.head-info_time_6sFQg { color: #939393; margin-right: 8px; }
.wbpro-feed-content { margin: 10px 0 10px 60px; font-size: 15px; }
.Feed_retweet_JqZJb { background: #f7f7f7; padding: 10px 14px; margin-top: 8px; font-size: 14px; }
footer.woo-box-flex { display: flex; border-top: 1px solid #f2f2f2; padding-top: 8px; color: #939393; }
.toolbar_item_1ky_D { flex: 1; text-align: center; }
.wbpro-side-tit { font-weight: bold; margin-bottom: 8px; }
.wbpro-side-card7 { display: flex; justify-content: space-between; padding: 4px 0; font-size: 13px; }
.wbpro-side-card7-time { color: #939393; }
.Empty_con_2gJOL { text-align: center; padding: 80px 0; color: #939393; font-size: 16px; }
.Empty_img_3_k4o { display: inline-block; width: 120px; height: 90px; background: #e5e5e5; border-radius: 8px; }
</style>"""

# The feed as weibo.com's Vue client builds it: the posts arrive from /ajax/statuses/mymblog after load, and
# each time is written relative to $CONFIG.servertime (5小时前, 昨天 18:02, 3-12 09:30, 20-6-1 09:00) with the
# full time in the link's title.
WEIBO_FEED_JS = """(function () {
  var cfg = window.$CONFIG, now = cfg.servertime * 1000;
  var MONTHS = {Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11};
  function created(text) {
    var m = /^\\w{3} (\\w{3}) (\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) \\+0800 (\\d{4})$/.exec(text);
    return Date.UTC(+m[6], MONTHS[m[1]], +m[2], +m[3] - 8, +m[4], +m[5]);
  }
  function shown(ms) {
    var diff = (now - ms) / 1000, t = parts(ms), n = parts(now), days = dayNo(now) - dayNo(ms), hm = pad(t.H) + ":" + pad(t.M);
    if (diff < 60) return "刚刚";
    if (diff < 3600) return Math.floor(diff / 60) + "分钟前";
    if (days === 0) return Math.floor(diff / 3600) + "小时前";
    if (days === 1) return "昨天 " + hm;
    if (t.y === n.y) return t.m + "-" + t.d + " " + hm;
    return String(t.y).slice(2) + "-" + t.m + "-" + t.d + " " + hm;
  }
  function full(ms) { var t = parts(ms); return t.y + "-" + pad(t.m) + "-" + pad(t.d) + " " + pad(t.H) + ":" + pad(t.M); }
  function timeLink(status) {
    var ms = created(status.created_at), a = document.createElement("a");
    a.className = "head-info_time_6sFQg"; a.title = full(ms); a.textContent = shown(ms);
    a.href = "/" + status.user.idstr + "/" + status.mblogid;
    return a;
  }
  function text(className, value) { var div = document.createElement("div"); div.className = className; div.textContent = value; return div; }
  function article(status) {
    var node = document.createElement("article");
    node.className = "woo-panel-main woo-panel-top woo-panel-right woo-panel-bottom woo-panel-left Feed_wrap_3v9LH Feed_normal_12A98";
    if (status.isTop) {
      node.innerHTML = '<div class="woo-box-flex woo-box-alignCenter wbpro-feed-title"><div class="woo-box-flex title_wrap_3L_Pn"><span class="title_title_2JGBm"></span></div></div>';
      node.querySelector(".title_title_2JGBm").textContent = status.title.text;
    }
    var body = document.createElement("div"); body.className = "Feed_body_3R0rO";
    var head = document.createElement("header"); head.className = "woo-box-flex";
    head.innerHTML = '<div class="woo-box-item-flex head_main_3DRDm"><div class="head_nick_1yix2"><a class="ALink_default_2ibt1 head_name_24eEB"></a></div><div class="woo-box-flex head-info_info_2AspQ"></div></div>';
    head.querySelector(".head_name_24eEB").textContent = status.user.screen_name;
    head.querySelector(".head_name_24eEB").href = "/u/" + status.user.idstr;
    var info = head.querySelector(".head-info_info_2AspQ");
    info.appendChild(timeLink(status));
    info.appendChild(text("head-info_cut_1tPQI head-info_source_2zcQo", "来自 " + status.source));
    body.appendChild(head);
    var content = document.createElement("div"); content.className = "wbpro-feed-content";
    var og = document.createElement("div"); og.className = "detail_text_1U10O detail_ogText_2Z1Q8 wbpro-feed-ogText";
    og.appendChild(text("detail_wbtext_4CRf9", status.text_raw));
    content.appendChild(og);
    if (status.retweeted_status) {
      var rt = status.retweeted_status, box = document.createElement("div");
      box.className = "retweet Feed_retweet_JqZJb";
      var rhead = document.createElement("div"); rhead.className = "Feed_retweetHeadInfo_Tl4Ld";
      rhead.appendChild(text("ALink_default_2ibt1", "@" + rt.user.screen_name));
      var rinfo = document.createElement("div"); rinfo.className = "woo-box-flex head-info_info_2AspQ";
      rinfo.appendChild(timeLink(rt)); rhead.appendChild(rinfo); box.appendChild(rhead);
      box.appendChild(text("detail_text_1U10O detail_reText_30vF1", "")).appendChild(text("detail_wbtext_4CRf9", rt.text_raw));
      content.appendChild(box);
    }
    body.appendChild(content);
    node.appendChild(body);
    var foot = document.createElement("footer"); foot.className = "woo-box-flex";
    [["转发", status.reposts_count], ["评论", status.comments_count], ["赞", status.attitudes_count]].forEach(function (pair) {
      foot.appendChild(text("woo-box-item-flex toolbar_item_1ky_D", pair[0] + " " + pair[1]));
    });
    node.appendChild(foot);
    return node;
  }
  fetch("/ajax/statuses/mymblog?uid=" + cfg.oid + "&page=1&feature=0", {credentials: "include"})
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var scroller = document.getElementById("scroller");
      scroller.innerHTML = "";
      data.data.list.forEach(function (status) { scroller.appendChild(article(status)); });
    });
})();"""

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _weibo_created(moment: datetime) -> str:
    """The API's created_at: "Sun Mar 21 15:00:00 +0800 2021" (English names whatever the server's locale)."""
    local = moment.astimezone(SHANGHAI)
    return f"{_WEEKDAYS_EN[local.weekday()]} {_MONTHS_EN[local.month - 1]} {local:%d %H:%M:%S} +0800 {local.year}"


def _uid(account: DemoAccount) -> str:
    return urlsplit(account.url).path.rstrip("/").rsplit("/", 1)[-1]


def weibo_statuses(account: DemoAccount, as_of: date, clock: Clock) -> dict[str, object]:
    """/ajax/statuses/mymblog?uid=…: the account's posts as the feed script receives them."""
    user = {"idstr": _uid(account), "screen_name": account.name}

    def status(post: DemoPost, number: int, owner: dict[str, str]) -> dict[str, object]:
        item: dict[str, object] = {
            "idstr": f"46{_epoch(post.moment(as_of, clock.now))}{number:04d}",
            "mblogid": post.post_id,
            "created_at": _weibo_created(post.moment(as_of, clock.now)),
            "text_raw": post.title,
            "source": "微博网页版" if number else "微博 weibo.com",
            "reposts_count": 3 + number * 7,
            "comments_count": 1 + number * 3,
            "attitudes_count": 28 + number * 19,
            "user": owner,
        }
        if post.pinned:
            item |= {"isTop": 1, "title": {"text": "置顶"}}
        if post.quoted is not None:
            item["retweeted_status"] = status(post.quoted, 99, {"idstr": "6012345678", "screen_name": "青溪区绿化市容"})
        return item

    statuses = [status(post, number, user) for number, post in enumerate(account.posts)]
    return {"ok": 1, "data": {"since_id": "", "list": statuses, "total": len(statuses) * 53}}


def _weibo_frame(title: str, main: str, clock: Clock, *, head: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
{_snapshot_meta(clock)}<title>{escape(title)}</title>
{WEIBO_STYLE}
{head}</head>
<body class="woo-theme-light">
<div id="app" data-v-app=""><div class="woo-box-flex woo-box-column Frame_wrap_3g67Q">
<div class="woo-panel-main woo-panel-bottom Nav_panel_3r5Cv"><div class="woo-box-flex woo-box-alignCenter Nav_main_1aI_S">
  <a href="/" class="Nav_logoWrap_2fPbO">微博</a>
  <div class="woo-box-flex Nav_search_1bKmQ"><input class="woo-input-main" placeholder="搜索微博" type="text"></div>
  <div class="woo-box-flex Nav_right_pDw0F"><a href="/" class="Nav_btn_3Ut4G">首页</a><a href="/tv" class="Nav_btn_3Ut4G">视频</a><a href="/hot" class="Nav_btn_3Ut4G">发现</a><a href="http://passport.weibo.com/sso/signin" class="Nav_btn_3Ut4G">登录/注册</a></div>
</div></div>
<div class="woo-box-flex Frame_content_3XrxZ"><div class="Frame_main_3Z_V0"><main class="Main_full_1dfQX">
{main}
</main></div>
<div class="Main_side_i7Vti"><div class="woo-panel-main wbpro-side-main SideIndex_sideMain_3jrwf">
  <div class="wbpro-side-tit"><div class="f16 fm cla">微博热搜</div></div>
  <div class="wbpro-side-card7"><a href="http://s.weibo.com/weibo?q=%23青溪路桥通车%23" class="ALink_default_2ibt1"><div class="wbpro-textcut">青溪路桥今日通车</div></a><div class="wbpro-side-card7-time">1小时前</div></div>
  <div class="wbpro-side-card7"><a href="http://s.weibo.com/weibo?q=%23网红账号已注销%23" class="ALink_default_2ibt1"><div class="wbpro-textcut">某网红回应：该账号已注销是误会</div></a><div class="wbpro-side-card7-time">刚刚</div></div>
</div></div>
</div></div></div>
</body></html>
"""


def weibo_feed(account: DemoAccount, clock: Clock) -> str:
    """The profile shell: header and login banner as served; the feed arrives by script (WEIBO_FEED_JS)."""
    config = _json_script({"uid": "", "oid": _uid(account), "lang": "zh-cn", "servertime": _epoch(clock.now)})
    main = f"""  <div class="woo-panel-main ProfileHeader_box1_1qC-g"><div class="woo-box-flex woo-box-alignCenter ProfileHeader_box3_2R7tq">
    {_avatar(account.name, "#e6162d")}
    <div class="woo-box-item-flex"><div class="ProfileHeader_name_1KbBs">{escape(account.name)}</div>
      <div class="ProfileHeader_h4_gcwJi"><span>粉丝</span><span class="ProfileHeader_h3_2nhjc">{escape(account.fans)}</span><span>关注</span><span class="ProfileHeader_h3_2nhjc">412</span></div>
      <div class="ProfileHeader_desc_2jOjf">{escape(account.bio)}</div></div></div></div>
  <div class="woo-panel-main LoginCard_wrap_1IjV3"><div class="LoginCard_text_3iRVy">登录后查看更多精彩内容</div><button class="woo-button-main woo-button-flat woo-button-primary">立即登录</button></div>
  <div id="scroller" class="vue-recycle-scroller ready page-mode direction-vertical"><div class="woo-panel-main wbpro-loading">加载中…</div></div>
<script>window.$CONFIG = {config};
{CLOCK_JS}{WEIBO_FEED_JS}</script>"""
    return _weibo_frame(f"{account.name}的个人主页 - 微博", main, clock)


def weibo_deleted(account: DemoAccount, clock: Clock) -> str:
    uid = _uid(account)
    main = f"""  <div class="woo-panel-main ProfileHeader_box1_1qC-g"><div class="woo-box-flex woo-box-alignCenter ProfileHeader_box3_2R7tq">
    {_avatar("用", "#c8c8c8")}
    <div class="woo-box-item-flex"><div class="ProfileHeader_name_1KbBs">用户{uid}</div></div></div></div>
  <div class="woo-panel-main Empty_wrap_3MH7e"><div class="woo-box-flex woo-box-column woo-box-alignCenter Empty_con_2gJOL">
    <span class="Empty_img_3_k4o"></span><p class="Empty_text_3zZqe">该账号已注销</p></div></div>"""
    return _weibo_frame("微博", main, clock)


def visitor_url(account: DemoAccount) -> str:
    target = quote(account.url, safe="")
    return (
        f"http://{hosts.WEIBO_PASSPORT_HOST}/visitor/visitor?entry=miniblog&a=enter&url={target}"
        "&domain=weibo.com&ua=php-sso_sdk_client-0.6.36&_rand=1616328000.1234"
    )


def weibo_visitor(clock: Clock, return_url: str) -> str:
    """Sina Visitor System: where weibo.com sends a visit it does not trust; its fingerprint script never lets
    the auditor through, so the page stays."""
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
{_snapshot_meta(clock)}<title>Sina Visitor System</title>
<script type="text/javascript">
  var return_url = {_json_script(return_url)};
  window.use_fp = 1;
</script>
</head>
<body style="margin:0;background:#fff;font:14px sans-serif">
<div class="W_layer VisitorSystem_box" style="position:absolute;left:50%;top:40%;transform:translate(-50%,-50%);text-align:center"><div class="content">
  <p class="W_tc" style="font-size:18px">Sina Visitor System</p>
  <p class="W_tc S_txt2" style="color:#999">正在跳转，请稍候…</p>
</div></div>
<noscript><p>请开启JavaScript后重试</p></noscript>
</body></html>
"""


MOBILE_STYLE = """<style>
body { margin: 0; background: #f2f2f2; font: 15px/1.6 "PingFang SC", "Noto Sans CJK SC", sans-serif; }
#app { max-width: 540px; margin: 0 auto; background: #f2f2f2; }
.m-top-bar { display: flex; justify-content: space-between; align-items: center; height: 44px; background: #fff; padding: 0 12px; }
.profile-cover { background: linear-gradient(180deg, #f5a356, #e8743b); color: #fff; text-align: center; padding: 24px 0; }
.txt-shadow { text-shadow: 0 1px 2px rgba(0,0,0,.3); margin: 0 6px; }
.card { background: #fff; margin-bottom: 8px; }
.card-wrap { padding: 12px 14px; }
.weibo-top { display: flex; gap: 10px; align-items: center; }
.weibo-top h3 { margin: 0; font-size: 15px; }
.weibo-top h4 { margin: 0; font-size: 12px; color: #939393; font-weight: normal; }
.weibo-text { margin-top: 8px; }
.m-ctrl-box { display: flex; color: #939393; font-size: 13px; border-top: 1px solid #f2f2f2; margin-top: 8px; }
.m-diy-btn { flex: 1; text-align: center; }
.m-diy-btn h4 { margin: 6px 0; font-weight: normal; }
</style>"""


def weibo_mobile(account: DemoAccount, as_of: date, clock: Clock) -> str:
    """m.weibo.cn: server-rendered card9 cards, times as the mobile site prints them (刚刚, 昨天 18:02, 03-19)."""
    uid = _uid(account)
    cards = []
    for number, post in enumerate(account.posts):
        shown = _relative(post.moment(as_of, clock.now), clock.now)
        cards.append(f"""  <div class="card m-panel card9 weibo-member"><div class="card-wrap"><div class="card-main">
    <header class="weibo-top m-box m-avatar-box"><a href="/u/{uid}" class="m-img-box">{_avatar(account.name, "#e8743b", 36)}</a>
      <div class="m-box-dir m-box-col m-box-center"><div class="m-box-center-a"><div class="m-text-box"><a href="/u/{uid}"><h3 class="m-text-cut">{escape(account.name)}</h3></a><h4 class="m-text-cut"><span class="time">{shown}</span><span class="from"> 来自 微博 weibo.com</span></h4></div></div></div></header>
    <article class="weibo-main"><div class="weibo-og"><div class="weibo-text">{escape(post.title)}<a href="/status/{post.post_id}">全文</a></div></div></article>
    <footer class="m-ctrl-box m-box-center-a"><div class="m-diy-btn m-box-col"><h4>转发 {number + 2}</h4></div><div class="m-diy-btn m-box-col"><h4>评论 {number}</h4></div><div class="m-diy-btn m-box-col"><h4>赞 {9 + number * 4}</h4></div></footer>
  </div></div></div>""")
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no">
{_snapshot_meta(clock)}<title>{escape(account.name)}的微博</title>
{MOBILE_STYLE}
</head>
<body>
<div id="app"><div class="m-top-bar m-panel m-container-max m-topbar-max"><div class="nav-left">‹</div><div class="nav-main">{escape(account.name)}</div><div class="nav-right"><a href="http://passport.weibo.cn/signin/login" class="m-btn m-btn-orange">登录</a></div></div>
<div class="main-wrap"><div class="profile-cover"><div class="mod-fil-n"><div class="mod-fil-img m-auto">{_avatar(account.name, "#d2532a", 64)}</div>
  <div class="mod-fil-name m-txt-cut"><span class="txt-shadow">{escape(account.name)}</span></div>
  <div class="mod-fil-fans"><span class="txt-shadow">关注 86</span><span class="txt-shadow">粉丝 {escape(account.fans)}</span></div>
  <div class="mod-fil-desc m-txt-cut txt-shadow">{escape(account.bio)}</div></div></div>
<div class="card-list">
{chr(10).join(cards)}
  <div class="card m-panel card11"><div class="card-wrap"><div class="card-title"><h4 class="m-text-cut">热门推荐</h4></div><div class="card-main">
    <div class="card m-panel card4"><a href="/u/1234567890"><h3>青溪交警</h3><h4 class="m-text-cut"><span class="time">刚刚</span> 发布了新微博</h4></a></div>
  </div></div></div>
</div></div></div>
</body></html>
"""


# ---------------------------------------------------------------------------------------------- Douyin

DOUYIN_STYLE = """<style>
body { margin: 0; background: #161823; color: #fff; font: 14px/1.5 "PingFang SC", "Noto Sans CJK SC", sans-serif; }
a { color: inherit; text-decoration: none; }
.header-shell { display: flex; align-items: center; justify-content: space-between; height: 60px; padding: 0 24px; background: #161823; border-bottom: 1px solid #2f3035; }
.logo { font: bold 22px/1 sans-serif; }
.search input { width: 320px; height: 36px; border-radius: 18px; border: 0; background: #2f3035; color: #fff; padding: 0 16px; }
.login-button { background: #fe2c55; color: #fff; border: 0; border-radius: 4px; padding: 6px 20px; }
.N_HNXA04 { width: 1180px; margin: 0 auto; }
[data-e2e="user-info"] { display: flex; gap: 24px; align-items: center; padding: 32px 0; }
[data-e2e="user-info"] h1 { margin: 0 0 6px; font-size: 24px; }
.Y7ol8L2C { display: flex; gap: 20px; color: rgba(255,255,255,.75); }
.kUKK9Qal { color: rgba(255,255,255,.5); margin: 6px 0 0; }
.semi-tabs { border-bottom: 1px solid #2f3035; padding: 10px 0; font-size: 16px; }
.semi-tabs span { margin-right: 32px; }
ul[data-e2e="scroll-list"] { list-style: none; margin: 16px 0; padding: 0; display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; }
ul[data-e2e="scroll-list"] li { background: #252632; border-radius: 6px; overflow: hidden; }
.t3nM5tGa { position: relative; height: 300px; background: linear-gradient(160deg, #3a3d52, #20222e); }
.author-card-user-video-badge { position: absolute; top: 8px; left: 8px; background: #fe2c55; border-radius: 3px; padding: 0 6px; font-size: 12px; }
.__0w4MvO { margin: 8px 10px 4px; height: 42px; overflow: hidden; }
.author-card-user-video-like { display: flex; justify-content: space-between; margin: 0 10px 10px; color: rgba(255,255,255,.6); font-size: 12px; }
.loading { color: #999; padding: 40px; text-align: center; }
.Bllv0dx6 { color: rgba(255,255,255,.4); text-align: center; padding: 12px; }
.related-recommend { width: 1180px; margin: 24px auto; border-top: 1px solid #2f3035; }
.related-list { list-style: none; padding: 0; display: flex; gap: 24px; color: rgba(255,255,255,.6); }
</style>"""

# Builds the 作品 grid from RENDER_DATA after load, as douyin.com's client does: the HTML as served holds no card.
# Times: 刚刚, 5分钟前, 5小时前, 昨天 18:02, 前天, 3天前, 03-08 this year, 2020年12月30日 — seen at serverTime.
DOUYIN_GRID_JS = """(function () {
  var data = JSON.parse(decodeURIComponent(document.getElementById("RENDER_DATA").textContent));
  var now = data.serverTime * 1000;
  function shown(ms) {
    var diff = (now - ms) / 1000, t = parts(ms), n = parts(now), days = dayNo(now) - dayNo(ms);
    if (diff < 60) return "刚刚";
    if (diff < 3600) return Math.floor(diff / 60) + "分钟前";
    if (days === 0) return Math.floor(diff / 3600) + "小时前";
    if (days === 1) return "昨天 " + pad(t.H) + ":" + pad(t.M);
    if (days === 2) return "前天";
    if (days < 7) return days + "天前";
    if (t.y === n.y) return pad(t.m) + "-" + pad(t.d);
    return t.y + "年" + pad(t.m) + "月" + pad(t.d) + "日";
  }
  function card(work) {
    var li = document.createElement("li");
    li.className = "wqW3g_Kl WPzYSlFQ OguQAD1e";
    var badge = work.isTop ? '<div class="semi-tag author-card-user-video-badge"><span class="semi-tag-content">置顶</span></div>' : "";
    li.innerHTML = '<div class="Eie04v01"><a class="uz1VJwFY TyuBARdT IdxE71f8"><div class="t3nM5tGa">' + badge + '</div>' +
      '<div class="_ZAQr1Jh"><p class="__0w4MvO"></p><div class="author-card-user-video-like"><span class="BgCg_ebQ"></span>' +
      '<span class="faDtinfi create-time"></span></div></div></a></div>';
    li.querySelector("a").href = "/video/" + work.awemeId;
    li.querySelector("p").textContent = work.desc;
    li.querySelector(".BgCg_ebQ").textContent = work.diggCount;
    li.querySelector(".create-time").textContent = shown(work.createTime * 1000);
    return li;
  }
  setTimeout(function () {
    var list = document.createElement("ul");
    list.setAttribute("data-e2e", "scroll-list");
    list.className = "e6wsjNLL bGEvyQfj";
    data.post.data.forEach(function (work) { list.appendChild(card(work)); });
    var box = document.querySelector('[data-e2e="user-post-list"]');
    box.removeChild(document.getElementById("post-loading"));
    box.appendChild(list);
    var end = document.createElement("div"); end.className = "Bllv0dx6"; end.textContent = "暂时没有更多了";
    box.appendChild(end);
  }, 200);
})();"""


def _douyin_id(account: DemoAccount) -> str:
    return "qingxi_" + _uid(account)[-8:].lower()


def douyin_user(account: DemoAccount, as_of: date, clock: Clock) -> str:
    works = [
        {
            "awemeId": post.post_id,
            "desc": post.title,
            "createTime": _epoch(post.moment(as_of, clock.now)),
            "isTop": 1 if post.pinned else 0,
            "diggCount": f"{(index + 3) * 1.7:.1f}万" if index % 2 == 0 else str(862 + index * 311),
        }
        for index, post in enumerate(account.posts)
    ]
    data = {
        "serverTime": _epoch(clock.now),
        "user": {"nickname": account.name, "uniqueId": _douyin_id(account), "signature": account.bio},
        "post": {"data": works, "hasMore": False},
    }
    encoded = quote(json.dumps(data, ensure_ascii=False), safe="")
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
{_snapshot_meta(clock)}<title>{escape(account.name)}的抖音 - 抖音</title>
{DOUYIN_STYLE}
<script id="RENDER_DATA" type="application/json">{encoded}</script>
</head>
<body>
<div id="douyin-right-container" class="tQ0DXWWO">
<div id="douyin-header" class="oJArD0aS"><header class="header-shell"><a href="/" class="logo" aria-label="抖音">抖音</a>
  <div class="search"><input type="text" placeholder="搜索你感兴趣的内容" data-e2e="searchbar-input"></div>
  <div class="header-right"><a href="/">首页</a>　<a href="/follow">关注</a>　<button class="semi-button login-button">登录</button></div>
</header></div>
<div class="N_HNXA04">
<div data-e2e="user-info" class="mZmVWLzR">{_avatar(account.name, "#fe2c55", 112)}
  <div class="hd6EvnK4"><h1 class="a34DMvQe"><span><span class="j5WZzJdp">{escape(account.name)}</span></span></h1>
    <div class="Y7ol8L2C"><div data-e2e="user-info-follow">关注 12</div><div data-e2e="user-info-fans">粉丝 {escape(account.fans)}</div></div>
    <p class="kUKK9Qal"><span data-e2e="user-info-uid">抖音号：{_douyin_id(account)}</span>　<span class="ZRdDQ_Rg">{escape(account.bio)}</span></p></div></div>
<div class="z_YvCWYy"><div class="semi-tabs"><div role="tablist"><span data-e2e="user-tab-works" class="aria-selected">作品 {len(works) * 23 + 5}</span><span data-e2e="user-tab-like">喜欢</span></div></div>
<div data-e2e="user-post-list" class="pCVdP6Bb"><div class="loading" id="post-loading">加载中…</div></div>
</div></div>
<div class="related-recommend"><h2>大家都在看</h2><ul class="related-list">
  <li><a href="/video/6942222333344445555"><p>青溪美食探店</p><span class="faDtinfi create-time">1小时前</span></a></li>
  <li><a href="/video/6942222333344446666"><p>滨江夜景</p><span class="faDtinfi create-time">刚刚</span></a></li>
</ul></div>
<div id="captcha_container" class="captcha-container"></div>
</div>
<script>
{CLOCK_JS}{DOUYIN_GRID_JS}
</script>
</body></html>
"""


# ---------------------------------------------------------------------------------------------- 大鱼号 (UC)

DAYU_STYLE = """<style>
body { margin: 0; background: #f5f5f5; font: 15px/1.6 "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #222; }
a { color: inherit; text-decoration: none; }
.page-media { max-width: 720px; margin: 0 auto; background: #fff; min-height: 100vh; }
.top-bar { display: flex; justify-content: space-between; background: #ff6c00; color: #fff; padding: 10px 16px; }
.top-bar__logo { font-weight: bold; }
.author-info { display: flex; gap: 14px; align-items: center; padding: 20px 16px; border-bottom: 8px solid #f5f5f5; }
.author-info__name { margin: 0; font-size: 20px; }
.author-info__desc, .author-info__data { margin: 2px 0; color: #888; font-size: 13px; }
.author-info__data span { margin-right: 12px; }
.tab-bar { display: flex; gap: 24px; padding: 10px 16px; border-bottom: 1px solid #eee; }
.tab-bar__item--active { color: #ff6c00; font-weight: bold; }
.article-item { padding: 14px 16px; border-bottom: 1px solid #f0f0f0; }
.article-item__title { font-size: 17px; }
.article-item__info { color: #999; font-size: 12px; margin-top: 6px; }
.article-item__info span { margin-right: 12px; }
.article-item__tag--top { color: #ff6c00; border: 1px solid #ff6c00; border-radius: 2px; padding: 0 3px; }
.load-more { text-align: center; color: #bbb; padding: 14px; font-size: 13px; }
.recommend { padding: 10px 16px; border-top: 8px solid #f5f5f5; }
.recommend__item { display: flex; justify-content: space-between; padding: 6px 0; color: #666; font-size: 14px; }
</style>"""


def dayu_author(account: DemoAccount, as_of: date, clock: Clock) -> str:
    """The author page on UC, server-rendered, with UC's relative times (刚刚, 5小时前, 昨天 18:02, 3天前, 03-01)."""
    items = []
    for index, post in enumerate(account.posts):
        shown = _relative(post.moment(as_of, clock.now), clock.now, days_ago_until=7)
        tag = '<span class="article-item__tag article-item__tag--top">置顶</span>' if post.pinned else ""
        reads = "10万+" if index == 4 else f"{(index + 1) * 613 + 77}"
        items.append(
            f'    <div class="article-item" data-aid="{post.post_id}"><a class="article-item__link" href="http://mparticle.uc.cn/article.html?uc_param_str=frdnsnpfvecpntnwprdssskt&amp;wm_aid={post.post_id}">\n'
            f'      <div class="article-item__title">{escape(post.title)}</div>\n'
            f'      <div class="article-item__info">{tag}<span class="article-item__read">阅读 {reads}</span><span class="article-item__time">{shown}</span></div></a></div>'
        )
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">
{_snapshot_meta(clock)}<title>{escape(account.name)} - UC大鱼号</title>
{DAYU_STYLE}
</head>
<body class="uc-media">
<div id="root"><div class="page-media">
  <div class="top-bar"><a class="top-bar__logo" href="http://www.uc.cn/">UC</a><a class="top-bar__open" href="http://www.uc.cn/download">打开UC，阅读体验更佳</a></div>
  <div class="author-info">{_avatar(account.name, "#ff6c00", 64)}
    <div class="author-info__bd"><h2 class="author-info__name">{escape(account.name)}</h2><p class="author-info__desc">{escape(account.bio)}</p>
      <p class="author-info__data"><span>粉丝 {escape(account.fans)}</span><span>文章 {len(account.posts) * 97 + 41}</span></p></div></div>
  <div class="tab-bar"><span class="tab-bar__item tab-bar__item--active">文章</span><span class="tab-bar__item">视频</span></div>
  <div class="article-list">
{chr(10).join(items)}
  </div>
  <div class="load-more">已经到底啦</div>
  <div class="recommend"><h3 class="recommend__title">推荐阅读</h3>
    <div class="recommend__item"><a href="http://mparticle.uc.cn/article.html?wm_aid=ffee0011"><div class="recommend__item-title">青溪这家老字号面馆火了</div></a><span class="recommend__item-time">刚刚</span></div>
    <div class="recommend__item"><a href="http://mparticle.uc.cn/article.html?wm_aid=ffee0022"><div class="recommend__item-title">春季过敏高发，医生提醒</div></a><span class="recommend__item-time">1小时前</span></div>
  </div>
</div></div>
</body></html>
"""


# ---------------------------------------------------------------------------------------------- 网易号

NETEASE_STYLE = """<style>
body { margin: 0; background: #fff; font: 14px/1.6 "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #404040; }
a { color: #404040; text-decoration: none; }
.N-nav-channel { background: #d0021b; }
.N-nav-channel-inner { width: 1100px; margin: 0 auto; height: 40px; display: flex; gap: 20px; align-items: center; }
.N-nav-channel-inner a { color: #fff; }
.container { width: 1100px; margin: 0 auto; display: grid; grid-template-columns: 1fr 300px; gap: 30px; }
.media_head { grid-column: 1 / span 2; display: flex; gap: 20px; align-items: center; padding: 28px 0; border-bottom: 1px solid #eee; }
.head_info h2 { margin: 0; font-size: 24px; color: #222; }
.icon_line { margin: 4px 0; color: #888; }
.icon_line span { margin-right: 16px; }
.tab_nav { border-bottom: 2px solid #d0021b; padding: 10px 0; }
.tab_nav_item { margin-right: 24px; font-size: 16px; }
.tab_nav_item.current { color: #d0021b; font-weight: bold; }
.list_box { list-style: none; margin: 0; padding: 0; }
.list_box li { padding: 16px 0; border-bottom: 1px solid #f0f0f0; }
.media_article h4 { margin: 0; font-size: 18px; font-weight: normal; }
.media_article_info { color: #999; font-size: 12px; margin-top: 6px; }
.media_article_info span { margin-right: 16px; }
.load_more_btn { text-align: center; color: #999; padding: 14px; }
.side_box { padding-top: 50px; }
.side_title { font-size: 16px; font-weight: bold; border-left: 3px solid #d0021b; padding-left: 8px; margin-bottom: 8px; }
.side_list { list-style: none; margin: 0; padding: 0; }
.side_list li { padding: 6px 0; font-size: 13px; }
.side_list .time { display: block; color: #999; font-size: 12px; }
.N-footer { text-align: center; color: #999; padding: 24px 0; border-top: 1px solid #eee; margin-top: 30px; }
</style>"""


def netease_media(account: DemoAccount, as_of: date, clock: Clock) -> str:
    """www.163.com/dy/media/T….html: server-rendered, full times; 热门推荐 holds other accounts' newer posts."""
    rows = []
    for post in account.posts:
        url = f"http://www.163.com/dy/article/{post.post_id}.html"
        rows.append(
            f'        <li class="js-item item"><div class="media_article"><div class="media_article_content"><h4><a class="title" href="{url}">{escape(post.title)}</a></h4>\n'
            f'            <div class="media_article_info"><span class="time">{post.moment(as_of, clock.now):%Y-%m-%d %H:%M:%S}</span><span class="comment">跟贴 {len(post.title) % 13}</span></div></div></div></li>'
        )
    hot = clock.now - timedelta(minutes=37)
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
{_snapshot_meta(clock)}<title>{escape(account.name)} - 网易号</title>
<meta name="keywords" content="{escape(account.name)},网易号">
{NETEASE_STYLE}
</head>
<body>
<div class="N-nav-channel JS_NTES_LOG_FE" data-module-name="n_topnavapplist"><div class="N-nav-channel-inner">
  <a href="http://news.163.com/">新闻</a><a href="http://sports.163.com/">体育</a><a href="http://money.163.com/">财经</a><a href="http://tech.163.com/">科技</a>
  <a class="N-nav-login" href="http://reg.163.com/">登录</a></div></div>
<div class="container clearfix">
  <div class="media_head"><div class="head_img_box">{_avatar(account.name, "#d0021b", 72)}</div>
    <div class="head_info"><h2>{escape(account.name)}</h2><p class="icon_line desc">{escape(account.bio)}</p><p class="icon_line"><span>文章 {len(account.posts) * 211 + 9}</span><span>粉丝 {escape(account.fans)}</span></p></div></div>
  <div class="content_box wrap">
    <div class="tab_nav"><a class="tab_nav_item current" href="javascript:;">文章</a><a class="tab_nav_item" href="javascript:;">视频</a></div>
    <div class="tab_content">
      <ul class="list_box">
{chr(10).join(rows)}
      </ul>
      <div class="load_more_btn">加载更多</div>
    </div>
  </div>
  <div class="side_box"><div class="side_title">热门推荐</div><ul class="side_list">
    <li><a href="http://www.163.com/dy/article/G5R1HOT10519XXXX.html">春季养生：这几种野菜别乱吃</a><span class="time">{hot:%Y-%m-%d %H:%M:%S}</span></li>
    <li><a href="http://www.163.com/dy/article/G5R1HOT20519XXXX.html">警惕！这类账号已注销仍在冒用</a><span class="time">{hot - timedelta(hours=1):%Y-%m-%d %H:%M:%S}</span></li>
  </ul></div>
</div>
<div class="N-footer"><p>网易公司版权所有 ©1997-{clock.now.year}</p></div>
</body></html>
"""


# ---------------------------------------------------------------------------------------------- routing


def account_at(host: str, path: str) -> DemoAccount | None:
    """The account whose page is `path` (with its query) on `host`: same path, and every query parameter the
    account's URL names (WeChat's __biz and album_id, UC's mid) with the same value."""
    parts = urlsplit(path)
    asked = dict(parse_qsl(parts.query))
    for account in ACCOUNTS_BY_HOST.get(host, ()):
        own = urlsplit(account.url)
        if own.path == parts.path and all(asked.get(k) == v for k, v in parse_qsl(own.query)):
            return account
    return None


def render_newmedia(
    host: str, path: str, as_of: date, now: datetime | None = None, *, rectified: bool = False
) -> Response:
    """Answer one request on a platform host as the platform would on day T (see the module docstring for `now`);
    rectified: as the re-check round finds it (RECTIFIED_POSTS)."""
    parts = urlsplit(path)
    if host == hosts.WEIBO_HOST and parts.path == "/ajax/statuses/mymblog":
        uid = dict(parse_qsl(parts.query)).get("uid", "")
        owner = next((a for a in ACCOUNTS_BY_HOST[host] if _uid(a) == uid and a.layout == "weibo_feed"), None)
        if owner is None:
            return json_response({"ok": 0, "msg": "用户不存在"})
        owner = rectified_account(owner) if rectified else owner
        return json_response(weibo_statuses(owner, as_of, page_clock(owner, as_of, now)))
    if host == hosts.WEIBO_PASSPORT_HOST and parts.path == "/visitor/visitor":
        clock = page_clock(None, as_of, now)
        return _page(weibo_visitor(clock, dict(parse_qsl(parts.query)).get("url", "")), clock)
    account = account_at(host, path)
    if account is None:
        return _not_found(host)
    account = rectified_account(account) if rectified else account
    clock = page_clock(account, as_of, now)
    if account.layout == "weibo_visitor":
        return redirect(visitor_url(account))
    pages = {
        "wechat_album": lambda: wechat_album(account, as_of, clock, formatted=True),
        "wechat_album_raw": lambda: wechat_album(account, as_of, clock, formatted=False),
        "wechat_wall": lambda: wechat_wall(account, clock),
        "weibo_feed": lambda: weibo_feed(account, clock),
        "weibo_deleted": lambda: weibo_deleted(account, clock),
        "weibo_mobile": lambda: weibo_mobile(account, as_of, clock),
        "douyin": lambda: douyin_user(account, as_of, clock),
        "dayu": lambda: dayu_author(account, as_of, clock),
        "netease": lambda: netease_media(account, as_of, clock),
    }
    return _page(pages[account.layout](), clock)
