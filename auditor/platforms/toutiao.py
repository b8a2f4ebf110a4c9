"""头条号: the account's page, www.toutiao.com/c/user/token/<MS4wLjABAAAA…>/ (older: /c/user/<number>/).

The 全部 tab lists cards by kind: articles `div.profile-article-card-wrapper` (time in
`.feed-card-footer-time-cmp`: "3小时前", "03-19", "2020-12-30"), 微头条 `div.profile-wtt-card-wrapper` (time in
`div.time`) and videos `div.profile-normal-video-card-wrapper`. A 置顶 label sits in the card's footer.
ByteDance's slider captcha (#captcha_container) guards it as on Douyin.
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

TOUTIAO = register_adapter(
    PlatformAdapter(
        platform="toutiao",
        name_zh="头条号",
        hosts=(".toutiao.com",),
        asset_hosts=(".pstatp.com", ".toutiaostatic.com", ".bytecdn.cn", ".byteimg.com"),
        post=("div.profile-article-card-wrapper, div.profile-wtt-card-wrapper, div.profile-normal-video-card-wrapper"),
        post_time=".feed-card-footer-time-cmp, div.time",
        post_title="a.title, div.feed-card-article-l a, p.content",
        wait_for=(
            "div.profile-article-card-wrapper, div.profile-wtt-card-wrapper, div.profile-normal-video-card-wrapper, "
            "#captcha_container div, div.profile-empty"
        ),
        scroll_times=1,
        login_wall=Markers(texts=("登录后查看更多", "请登录后查看")),
        captcha=Markers(
            selectors=("#captcha_container", "div.captcha_verify_container"),
            texts=("按住左边按钮拖动完成上方拼图", "请完成下列验证后继续"),
        ),
        deleted=Markers(texts=("该账号已注销", "用户已注销", "该账号已被封禁", "账号已封禁")),
        no_posts=Markers(texts=("暂无内容", "还没有发布过内容", "TA还没有发布内容")),
        account_name="div.profile-info-name, div.user-info .name",
    )
)
