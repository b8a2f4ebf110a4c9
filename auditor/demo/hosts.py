"""The host names the demo answers for, and the scenario `resolve` map that points them at the demo server.

`auditor demo` serves every site below from one 127.0.0.1 port; the auditor connects there for each host (the
scenario's `resolve` map) while URLs keep the real-looking host, and the server picks the site by the request's
Host header (auditor/demo/site.py `render_host`).
"""

from __future__ import annotations

PORTAL_HOST = "www.qingxi.gov.cn"  # 青溪区人民政府, under /portal/ (auditor/demo/site.py)
DEPARTMENT_HOST = "scjgj.qingxi.gov.cn"  # 青溪区市场监督管理局, GBK (auditor/demo/department.py)
CREDIT_HOST = "www.creditqingxi.cn"  # 信用青溪 (auditor/demo/credit.py)
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
SITE_HOSTS: tuple[str, ...] = (PORTAL_HOST, DEPARTMENT_HOST, CREDIT_HOST)
DEMO_HOSTS: tuple[str, ...] = SITE_HOSTS + OUTSIDE_HOSTS


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


def resolve_map(port: int, address: str = "127.0.0.1") -> dict[str, str]:
    """The scenario `resolve` map: every demo host on port 80 -> the demo server."""
    return {f"{host}:80": f"{address}:{port}" for host in DEMO_HOSTS}
