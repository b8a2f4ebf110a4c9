"""网易号: the account's page, www.163.com/dy/media/T<digits>.html (older links: dy.163.com/v2/media/homepage/…,
mobile c.m.163.com/news/sub/T….html).

The page is served whole (no script needed): the articles are `div.tab_content ul li` rows with the title in
`h4 a` and the full time in `.time` ("2021-03-19 10:20:33"). The right column's 热门推荐 lists other accounts'
articles with their own times (`div.side_box`), which the post selector leaves out. Captchas are NetEase's 易盾
slider (.yidun_popup, "向右拖动滑块填充拼图").
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

NETEASE = register_adapter(
    PlatformAdapter(
        platform="netease",
        name_zh="网易号",
        hosts=("www.163.com", "dy.163.com", "c.m.163.com", "m.163.com"),
        asset_hosts=(".126.net", ".127.net", "static.ws.126.net"),
        post="div.tab_content ul li",
        post_time=".time",
        post_title="h4 a, h4",
        wait_for="div.tab_content li, div.yidun_popup",
        login_wall=Markers(texts=("请登录后查看",)),
        captcha=Markers(
            selectors=("div.yidun_popup", "div.yidun_modal"), texts=("向右拖动滑块填充拼图", "请完成安全验证")
        ),
        deleted=Markers(texts=("该账号已注销", "该网易号已被封禁", "该账号已被封禁", "账号已被封禁")),
        no_posts=Markers(texts=("暂无内容", "暂无文章", "还没有发布过内容")),
        account_name="div.head_info h2, div.media_head h2",
    )
)
