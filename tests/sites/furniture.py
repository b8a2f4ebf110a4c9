"""What every test site's pages carry so that the site checks of issue #9 pass on them: a complete footer, a
consultation entry leading to a board whose messages are answered in time, and a 办事服务 entry. The badge's image
is the site's own copy (a conac image would be a request to another host; the badge is known by its link).

The fault sites test column reading; without these, every one of them would also fail 首页/页脚/互动/服务 checks,
and their exact expected findings would be about furniture instead of the faults they stage. Outside hosts are
written as links only (the badge's and the 找错 platform's): link checks never contact them (the test runs block
every host off the site, and status-check only hosts that --resolve maps).
"""

from __future__ import annotations

import base64
from datetime import date, timedelta
from html import escape

BOARD_PATH = "/hdjl/zxzx/"
BADGE_PATH = "/images/dzjg.png"
# A 1×1 PNG: the badge image the footer shows (its bytes do not matter, only that it answers).
BADGE_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAACAAFUok9dAAAAAElFTkSuQmCC")
ICP = "沪ICP备05000001号-1"
PSB_NUMBER = "31011402000001"


def compliant_footer(site_code: str, host_office: str = "青溪区人民政府办公室") -> str:
    return (
        '<div class="footer">'
        f"<p>主办单位：{escape(host_office)}　联系电话：021-59990000</p>"
        f"<p>网站标识码：{site_code}　{ICP}　沪公网安备 {PSB_NUMBER}号</p>"
        '<p><a href="http://bszs.conac.cn/sitename?method=show&amp;id=TEST" target="_blank">'
        f'<img src="{BADGE_PATH}" alt="党政机关"></a>'
        f'<a href="http://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}" target="_blank">'
        "我为政府网站找错</a></p></div>"
    )


def entries(prefix: str = "") -> str:
    """The home page's 互动 and 办事 entries (a nav-like line of links)."""
    return (
        f'<div class="entries"><a href="{prefix}{BOARD_PATH}">政务咨询</a>'
        '<a href="http://zwfw.sh.gov.cn/" target="_blank">网上办事</a></div>'
    )


def board_body(as_of: date) -> str:
    """A 政务咨询 board whose messages were all answered within a week."""
    rows = []
    for n, days_ago in enumerate((10, 40, 90, 150, 250), start=1):
        asked = as_of - timedelta(days=days_ago)
        answered = asked + timedelta(days=3)
        rows.append(
            f"<tr><td>关于第{n}个问题的咨询</td><td>{asked.isoformat()}</td><td>{answered.isoformat()}</td>"
            "<td>已回复</td></tr>"
        )
    return (
        '<table class="board"><tr><th>标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>'
        + "".join(rows)
        + "</table>"
    )
