"""The host names the demo answers for, and the scenario `resolve` map that points them at the demo server.

`auditor demo` serves every site below from one 127.0.0.1 port; the auditor connects there for each host (the
scenario's `resolve` map) while URLs keep the real-looking host, and the server picks the site by the request's
Host header (auditor/demo/site.py `render_host`). The new-media platforms' hosts are the real ones (the platform
adapters' hosts, auditor/platforms/), so the demo's accounts are read exactly as real accounts would be; they are
served over plain HTTP (a local server holds no certificate for them), hence http:// account URLs.
"""

from __future__ import annotations

PORTAL_HOST = "www.qingxi.gov.cn"  # 青溪区人民政府, under /portal/ (auditor/demo/site.py)
DEPARTMENT_HOST = "scjgj.qingxi.gov.cn"  # 青溪区市场监督管理局, GBK (auditor/demo/department.py)
CREDIT_HOST = "www.creditqingxi.cn"  # 信用青溪 (auditor/demo/credit.py)
EDUCATION_HOST = "jyj.qingxi.gov.cn"  # 青溪区教育局 (auditor/demo/education.py), audited only in the estate
# "The outside world" the sites link to: a tiny page per path (auditor/demo/external.py).
OUTSIDE_HOSTS: tuple[str, ...] = (
    "bszs.conac.cn",
    "dcs.conac.cn",
    "beian.miit.gov.cn",
    "www.beian.gov.cn",
    "zfwzgl.www.gov.cn",
    "www.gov.cn",
    "zwfw.sh.gov.cn",
    "www.sh.gov.cn",
    "data.sh.gov.cn",
)
# The new-media platforms the demo's accounts live on (auditor/demo/newmedia.py). passport.weibo.com is where
# Weibo's visitor system sends a visitor without a cookie.
WECHAT_HOST = "mp.weixin.qq.com"
WEIBO_HOST = "weibo.com"
WEIBO_PASSPORT_HOST = "passport.weibo.com"
WEIBO_MOBILE_HOST = "m.weibo.cn"
DOUYIN_HOST = "www.douyin.com"
DAYU_HOST = "a.mp.uc.cn"
NETEASE_HOST = "www.163.com"
NEWMEDIA_HOSTS: tuple[str, ...] = (
    WECHAT_HOST,
    WEIBO_HOST,
    WEIBO_PASSPORT_HOST,
    WEIBO_MOBILE_HOST,
    DOUYIN_HOST,
    DAYU_HOST,
    NETEASE_HOST,
)
SITE_HOSTS: tuple[str, ...] = (PORTAL_HOST, DEPARTMENT_HOST, CREDIT_HOST)
# New hosts go at the end: the scenario files list the resolve map in this order.
DEMO_HOSTS: tuple[str, ...] = SITE_HOSTS + OUTSIDE_HOSTS + NEWMEDIA_HOSTS
# The estate's extra sites (`site_scenarios(..., estate=True)`). Kept out of DEMO_HOSTS so the four scenarios of
# `auditor demo` (and the checked-in scenarios/*.yaml) keep their resolve map; no site of those four links here.
ESTATE_HOSTS: tuple[str, ...] = (EDUCATION_HOST,)
SERVED_HOSTS: tuple[str, ...] = DEMO_HOSTS + ESTATE_HOSTS  # every host the demo server answers for by name


def host_name(host_header: str | None) -> str:
    """The host of a Host header, lower case, without its port ("www.qingxi.gov.cn:80" -> "www.qingxi.gov.cn")."""
    if not host_header:
        return ""
    host = host_header.strip().lower()
    if host.startswith("["):  # an IPv6 literal: [::1]:8000
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def base_url(host: str) -> str:
    return f"http://{host}"


def resolve_map(port: int, address: str = "127.0.0.1", *, estate: bool = False) -> dict[str, str]:
    """The scenario `resolve` map: every demo host on port 80 -> the demo server (estate: the estate's hosts too)."""
    return {f"{host}:80": f"{address}:{port}" for host in (SERVED_HOSTS if estate else DEMO_HOSTS)}
