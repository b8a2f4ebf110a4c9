"""大鱼号 (Alibaba's UC platform): an author's public page on UC, a.mp.uc.cn/media.html?mid=<wm_id> (articles
open on mparticle.uc.cn/article.html?wm_aid=…; mp.dayu.com is the author's back office, behind a login).

The author page lists articles as `div.article-list > div.article-item` cards with the title in
`.article-item__title` and a relative time in `.article-item__time` ("刚刚", "5小时前", "3天前", "03-19");
"置顶" is a tag in the card's info row. Under the list UC shows 推荐阅读 from other authors in `div.recommend`
cards of their own, which the post selector leaves out.
"""

from __future__ import annotations

from auditor.platforms.base import Markers, PlatformAdapter, register_adapter

DAYU = register_adapter(
    PlatformAdapter(
        platform="dayu",
        name_zh="大鱼号",
        hosts=("a.mp.uc.cn", "mparticle.uc.cn", "iflow.uc.cn", ".dayu.com"),
        asset_hosts=(".ucweb.com", ".alicdn.com", ".uc.cn"),
        post="div.article-list div.article-item",
        post_time=".article-item__time",
        post_title=".article-item__title",
        pinned=Markers(selectors=(".article-item__tag--top",), texts=("置顶",)),
        wait_for="div.article-item, div.empty-state, div.error-page",
        scroll_times=1,
        login_wall=Markers(texts=("请在UC浏览器中打开", "登录后查看更多", "打开UC浏览器查看")),
        captcha=Markers(texts=("请完成安全验证", "向右滑动完成验证", "拖动滑块")),
        deleted=Markers(texts=("该账号已注销", "该作者已注销", "账号已被封禁", "该账号已被封禁")),
        no_posts=Markers(texts=("该账号暂无内容", "作者还没有发布过内容", "还没有发布过内容")),
        account_name=".author-info__name",
    )
)
