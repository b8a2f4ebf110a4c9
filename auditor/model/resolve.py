"""A curl-style host mapping (`--resolve www.qingxi.gov.cn:80=127.0.0.1:8000`), applied to every path a request takes.

A real-looking host can then be served from 127.0.0.1 (tests, the demo, a mirror of a site under inspection)
while the site's URLs, its scope and its findings keep the real host. Three paths reach the network, and each
is mapped: urllib's fetches (the connection is opened to the mapped address, the Host header stays), Chromium's
own subresource loads (`--host-resolver-rules`), and Playwright's `route.fetch` of documents, which runs in
Playwright's driver and knows nothing of Chromium's resolver (the URL is rewritten and the Host header kept).

Entries are `HOST:PORT` → `ADDRESS:PORT`. The scenario writes them as a mapping, the command line as
`HOST:PORT=ADDRESS:PORT` or curl's `HOST:PORT:ADDRESS[:PORT]`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
DEFAULT_PORTS = {"http": 80, "https": 443}


class ResolveError(ValueError):
    """A mapping entry that cannot be read; the message names the entry."""


def _port(text: str, entry: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ResolveError(f"{entry!r}: port must be a number from 1 to 65535 (got {text!r})")
    return int(text)


def _source(text: str, entry: str) -> tuple[str, int]:
    host, sep, port = text.strip().lower().rpartition(":")
    if not sep or not host:
        raise ResolveError(f"{entry!r}: the host to map must be written HOST:PORT (e.g. www.qingxi.gov.cn:80)")
    host = host.encode("idna").decode("ascii") if not host.isascii() else host
    if not _HOST.match(host):
        raise ResolveError(f"{entry!r}: {host!r} is not a host name")
    return host, _port(port, entry)


def _target(text: str, entry: str, default_port: int) -> tuple[str, int]:
    address, sep, port = text.strip().rpartition(":")
    if not sep:
        address, port = text.strip(), str(default_port)
    address = address.strip("[]")
    try:
        ipaddress.ip_address(address)
    except ValueError:
        raise ResolveError(f"{entry!r}: {address!r} is not an IP address") from None
    return address, _port(port, entry)


@dataclass(frozen=True)
class ResolveMap:
    entries: Mapping[tuple[str, int], tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str]) -> ResolveMap:
        """The scenario's form: {"www.qingxi.gov.cn:80": "127.0.0.1:8000"}."""
        entries: dict[tuple[str, int], tuple[str, int]] = {}
        for source, target in mapping.items():
            entry = f"{source}: {target}"
            host, port = _source(source, entry)
            entries[(host, port)] = _target(target, entry, port)
        return cls(entries)

    @classmethod
    def from_options(cls, options: Iterable[str]) -> ResolveMap:
        """The command line's form: HOST:PORT=ADDRESS:PORT, or curl's HOST:PORT:ADDRESS[:PORT]."""
        entries: dict[tuple[str, int], tuple[str, int]] = {}
        for option in options:
            if "=" in option:
                source, target = option.split("=", 1)
            else:
                parts = option.split(":", 2)
                if len(parts) < 3:
                    raise ResolveError(f"{option!r}: expected HOST:PORT=ADDRESS:PORT or HOST:PORT:ADDRESS[:PORT]")
                source, target = f"{parts[0]}:{parts[1]}", parts[2]
            host, port = _source(source, option)
            entries[(host, port)] = _target(target, option, port)
        return cls(entries)

    def merged(self, other: ResolveMap) -> ResolveMap:
        """Both maps; an entry of `other` (the command line) replaces one of self for the same host and port."""
        return ResolveMap({**self.entries, **other.entries})

    def __bool__(self) -> bool:
        return bool(self.entries)

    def lookup(self, host: str, port: int) -> tuple[str, int] | None:
        return self.entries.get((host.lower().rstrip("."), port))

    def rewrite(self, url: str) -> str | None:
        """The URL to connect to for `url` when its host is mapped, else None (the Host header keeps the name)."""
        parts = urlsplit(url)
        if not parts.hostname:
            return None
        try:
            port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 0)
        except ValueError:
            return None
        mapped = self.lookup(parts.hostname, port)
        if mapped is None:
            return None
        address, target_port = mapped
        host = f"[{address}]" if ":" in address else address
        return urlunsplit((parts.scheme, f"{host}:{target_port}", parts.path, parts.query, ""))

    def chromium_rules(self) -> str:
        """The value of Chromium's --host-resolver-rules for this map ("" for none)."""
        return ", ".join(
            f"MAP {host}:{port} {address if ':' not in address else f'[{address}]'}:{target_port}"
            for (host, port), (address, target_port) in sorted(self.entries.items())
        )

    def hosts(self) -> frozenset[str]:
        return frozenset(host for host, _port in self.entries)

    def as_dict(self) -> dict[str, str]:
        return {f"{h}:{p}": f"{a}:{tp}" for (h, p), (a, tp) in sorted(self.entries.items())}


NO_RESOLVE = ResolveMap()
