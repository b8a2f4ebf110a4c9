"""哔哩哔哩: the account's space, space.bilibili.com/<mid>/video (投稿 list; b23.tv short links resolve there).

The 2024 space lists videos as `.bili-video-card` with the title in `.bili-video-card__title` and the date in
`.bili-video-card__subtitle span` ("2021-03-19", "03-19", "3天前"); the older space used `li.small-item` with
`span.time`. The cover's stats (`.bili-cover-card__stat`: plays, 弹幕, duration "03:25") are not times and are
not selected. Geetest guards the space when requests look automated.
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

BILIBILI = register_adapter(
    PlatformAdapter(
        platform="bilibili",
        name_zh="哔哩哔哩",
        hosts=(".bilibili.com", "b23.tv"),
        asset_hosts=(".hdslb.com", ".biliimg.com", ".bilivideo.com"),
        post="div.bili-video-card, li.small-item",
        post_time=".bili-video-card__subtitle span, .bili-video-card__info--date, span.time",
        post_title=".bili-video-card__title, a.title",
        wait_for="div.bili-video-card, li.small-item, div.geetest_panel, .space-empty",
        scroll_times=1,
        login_wall=Markers(texts=("登录后查看更多", "请登录后查看")),
        captcha=Markers(selectors=("div.geetest_panel",), texts=("请完成下列验证", "风控校验失败")),
        deleted=Markers(texts=("账号已注销", "该用户已注销", "账号封禁中", "该账号已被封禁")),
        no_posts=Markers(texts=("空间主人还没投过视频", "还没有投过稿", "这里什么都没有", "暂无投稿")),
        account_name="#h-name, div.upinfo-detail .nickname, div.nickname",
    )
)
