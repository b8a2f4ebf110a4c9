"""抖音: the account's page, www.douyin.com/user/<sec_uid> (the opaque MS4wLjABAAAA… id; /user/<number> is not
a route).

The 作品 grid is `[data-e2e="user-post-list"]` holding `ul[data-e2e="scroll-list"] > li` video cards; the
data-e2e keys are the only stable names (class names are build hashes). Pinned videos carry a "置顶" badge in
the card. Cards show their publish time as a label on the card ("3天前", "03-19", "2020年12月30日") only in
the layouts that print one; `span[class*="create-time"]` / `[data-e2e="video-create-time"]` are where this
adapter looks, and a grid without any label is "unknown" (找到N条内容，但均未读到发布时间), never stale.

The footer's recommended videos (`a[href*="/video/"]` outside the grid) belong to other accounts: the post
selector is scoped to the grid. A visitor is often shown the login panel (#login-full-panel) over the page and
ByteDance's slider captcha (#captcha_container, "按住左边按钮拖动完成上方拼图").
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

DOUYIN = register_adapter(
    PlatformAdapter(
        platform="douyin",
        name_zh="抖音",
        hosts=(".douyin.com", ".iesdouyin.com"),
        asset_hosts=(
            ".douyinstatic.com",
            ".douyinpic.com",
            ".douyinvod.com",
            ".bytedance.com",
            ".bytescm.com",
            ".pstatp.com",
        ),
        post='[data-e2e="user-post-list"] ul[data-e2e="scroll-list"] > li',
        post_time='[data-e2e="video-create-time"], span[class*="create-time"]',
        post_title='a[href*="/video/"] p, a[href*="/note/"] p, a[href*="/video/"] img',
        # The grid's container is there before its cards: wait for a card or a wall (an empty grid waits out
        # the gatherer's timeout, then reads as 暂无作品).
        wait_for='[data-e2e="user-post-list"] li, #captcha_container div, #login-full-panel',
        scroll_times=2,
        login_wall=Markers(
            selectors=("#login-full-panel", "#douyin_login_comp_flat_panel"),
            texts=("登录后即可观看", "登录后查看更多作品", "登录后查看TA的更多作品"),
        ),
        captcha=Markers(
            selectors=("#captcha_container", "div.captcha_verify_container"),
            texts=("按住左边按钮拖动完成上方拼图", "请完成下列验证后继续", "拖动滑块"),
        ),
        deleted=Markers(texts=("该账号已注销", "该用户已注销", "用户已注销", "账号已被封禁", "该账号已被封禁")),
        no_posts=Markers(texts=("暂无作品", "还没有发布过作品", "还没有发布过内容")),
        account_name='[data-e2e="user-info"] h1',
    )
)
