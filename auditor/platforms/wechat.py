"""微信公众号: the public 合集 (album) page, mp.weixin.qq.com/mp/appmsgalbum?__biz=…&action=getalbum&album_id=….

Outside the WeChat app an account's history (mp/profile_ext?action=home) shows only "请在微信客户端打开链接": that
is a login wall, never an empty account. An album lists its articles as `li.album__list-item.js_album_item` with
the article's link and title as data-link / data-title and the time in `span.js_article_create_time`: Unix seconds
as served, a date once the page's script has formatted it (the engine reads both).

The anti-crawler page ("当前环境异常，完成验证后即可继续访问") is a captcha; blocked, self-deleted and frozen
accounts show "此帐号已被屏蔽", "此帐号已自主注销", "此帐号已冻结" (WeChat writes 帐号).
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

WECHAT = register_adapter(
    PlatformAdapter(
        platform="wechat",
        name_zh="微信",
        hosts=("mp.weixin.qq.com",),
        asset_hosts=("res.wx.qq.com", "mmbiz.qpic.cn", "mmbiz.qlogo.cn"),
        post="li.album__list-item",
        post_time="span.js_article_create_time, span.album__item-info-time",
        post_title="div.album__item-title, span.album__item-title-wrp",
        wait_for="li.album__list-item, div.weui-msg, div.weui-msg__text-area",
        scroll_times=1,
        login_wall=Markers(texts=("请在微信客户端打开链接", "请在微信客户端打开")),
        captcha=Markers(texts=("环境异常", "完成验证后即可继续访问")),
        deleted=Markers(
            texts=(
                "此帐号已被屏蔽",
                "此帐号已自主注销",
                "此帐号已冻结",
                "该公众号已被封禁",
                "该账号已注销",
                "该公众号已迁移",  # its articles live on under a new account: the registry needs looking at
            )
        ),
        no_posts=Markers(texts=("该合集暂无内容", "暂无文章")),
        account_name="span.album__author-name, strong.profile_nickname",
    )
)
