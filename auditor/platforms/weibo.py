"""微博: the account's profile feed, weibo.com/u/<uid> (new web) or m.weibo.cn/u/<uid> (mobile web).

New web (2020-): a Vue feed of <article class="woo-panel-main … Feed_wrap_…"> cards in a recycle scroller; the card
head holds the time link `a.head-info_time_…`, whose text is short ("5小时前", "昨天 18:02", "3-19 10:20",
"20-12-3 10:20") and whose title attribute is the full "2021-03-19 10:20". The CSS-module hashes (_6sFQg) change
with builds, so only the stable prefixes are matched. Mobile web: `div.card.m-panel.card9` cards, the time in
`header.weibo-top span.time`. The pre-2020 layout (`div.WB_cardwrap.WB_feed_type`, time link
`a[node-type=feed_list_item_date]` with a full title) is still what archived snapshots show.

A visitor sees the feed behind a login banner: the banner alone never makes the page a login wall. A repost
quotes its original (`div.retweet`, `div.weibo-rp`, `div.WB_feed_expand`) with the original's older time; the
engine reads only the card's own head time, the first one in the card.
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

WEIBO = register_adapter(
    PlatformAdapter(
        platform="weibo",
        name_zh="微博",
        hosts=(".weibo.com", ".weibo.cn"),
        asset_hosts=(".sinaimg.cn", ".sinajs.cn", ".weibocdn.com"),
        post='article[class*="Feed_wrap"], div.card.m-panel.card9, div.WB_cardwrap.WB_feed_type',
        post_time=(
            'header a[class*="head-info_time"], header.weibo-top span.time, .WB_from a[node-type="feed_list_item_date"]'
        ),
        time_attribute="title",
        post_title='div[class*="detail_wbtext"], div.weibo-og div.weibo-text, div.WB_detail > div.WB_text',
        pinned=Markers(selectors=(".W_icon_feedpin",), texts=("置顶",)),
        wait_for=(
            'article[class*="Feed_wrap"], div.card9, div.WB_feed_type, '
            'div[class*="Empty"], div.geetest_panel, div[class*="Visitor"]'
        ),
        scroll_times=1,
        login_wall=Markers(texts=("Sina Visitor System", "登录后查看更多", "请登录后查看", "请先登录后再查看")),
        captcha=Markers(
            selectors=("div.geetest_panel", "div.geetest_holder"),
            texts=("请完成下列验证", "请完成安全验证", "拖动滑块", "请输入验证码"),
        ),
        deleted=Markers(
            texts=(
                "该账号已注销",
                "该用户已注销",
                "用户不存在",
                "账号已被封禁",
                "现已无法查看",  # 该账号因被投诉违反《微博社区公约》的有关规定，现已无法查看
                "该账号行为异常",
            )
        ),
        no_posts=Markers(texts=("还没有发过微博", "暂无微博", "这里还没有内容")),
        account_name='div[class*="ProfileHeader_name"], div.mod-fil-name span.txt-shadow, div.pf_username h1',
    )
)
