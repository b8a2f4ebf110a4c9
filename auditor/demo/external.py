"""The "outside world" the demo sites link to (conac, the ICP and 公安 registries, 中国政府网, 政务服务网…).

Each outside host answers every path with a tiny 200 page (HEAD alike), and images with a small PNG, except the
broken external links the labels name (tests/demo_expected.py): one 中国政府网 path that answers 503, and every
path of data.sh.gov.cn, which answers 403 as bot-blocking servers do.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from auditor.demo import assets
from auditor.demo.response import Response, html, png

# http://www.gov.cn/<this> answers 503: the 信用青溪 home page links it (a 专题 page taken down).
GOV_BROKEN_PATH = "/zhuanti/xyzg2019/"
GOV_BROKEN_STATUS = 503
BLOCKING_HOST = "data.sh.gov.cn"  # 上海公共数据开放平台: answers 403 to every request
BLOCKING_STATUS = 403
IMAGE_SUFFIXES = (".png", ".gif", ".jpg", ".jpeg")

TITLES: dict[str, str] = {
    "bszs.conac.cn": "党政机关网站标识信息",
    "dcs.conac.cn": "中央机构编制委员会办公室",
    "beian.miit.gov.cn": "ICP/IP地址/域名信息备案管理系统",
    "www.beian.gov.cn": "全国互联网安全管理服务平台",
    "zfwzgl.www.gov.cn": "我为政府网站找错",
    "www.gov.cn": "中国政府网",
    "zwfw.sh.gov.cn": "上海市一网通办",
    "www.sh.gov.cn": "上海市人民政府",
    BLOCKING_HOST: "上海市公共数据开放平台",
}


def render_outside(host: str, path: str) -> Response:
    """Answer one request for `path` on the outside host `host` (one of hosts.OUTSIDE_HOSTS)."""
    path = urlsplit(path).path or "/"
    title = TITLES.get(host, host)
    if host == BLOCKING_HOST:
        return html(_tiny("403 Forbidden", "访问被拒绝"), BLOCKING_STATUS)
    if host == "www.gov.cn" and path == GOV_BROKEN_PATH:
        return html(_tiny("503 Service Unavailable", "服务暂时不可用"), GOV_BROKEN_STATUS)
    if path.lower().endswith(IMAGE_SUFFIXES):
        name = "conac-red" if path.endswith("red.png") else "conac-blue" if path.endswith("blue.png") else "outside"
        return png(assets.picture_png(name))
    if path == "/robots.txt":
        return Response(200, "text/plain; charset=utf-8", b"User-agent: *\nAllow: /\n")
    return html(_tiny(title, f"{title}（演示用外部站点）"))


def _tiny(title: str, text: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title></head>\n'
        f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>\n"
    )
