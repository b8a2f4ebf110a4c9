"""快手: the account's page, www.kuaishou.com/profile/<3x…> (live.kuaishou.com/profile/… is the older form).

Videos are `div.user-photo-list div.video-card` cards; 置顶 is a tag on the cover. The card's time label, where
the layout prints one, is `.video-info-time`; a grid without any is "unknown", never stale. Visitors meet a
login dialog after a few scrolls and a slider captcha when requests look automated.
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

KUAISHOU = register_adapter(
    PlatformAdapter(
        platform="kuaishou",
        name_zh="快手",
        hosts=(".kuaishou.com",),
        asset_hosts=(".kuaishou.cn", ".yximgs.com", ".kwimgs.com", ".ksapisrv.com"),
        post="div.user-photo-list div.video-card",
        post_time=".video-info-time",
        post_title=".video-info-title, .info-text",
        wait_for="div.user-photo-list div.video-card, div.empty-photo",
        scroll_times=2,
        login_wall=Markers(texts=("登录后查看更多精彩作品", "登录后查看更多作品")),
        captcha=Markers(texts=("请完成安全验证", "向右拖动滑块", "拖动滑块")),
        deleted=Markers(texts=("该用户已注销", "账号已注销", "该账号已被封禁", "用户不存在")),
        no_posts=Markers(texts=("暂无作品", "还没有作品", "TA还没有发布作品")),
        account_name="div.user-detail .user-name, div.profile-user-name",
    )
)
