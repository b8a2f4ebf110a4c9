"""Plain HTTP fetches for pages that need no rendering (static CMS output, article pages).

An HTTP fetch plus lxml costs about a millisecond where a browser render costs a hundred; the gatherer
renders only what needs JavaScript or a screenshot.

Every fetch ends by its deadline: the timeout is a wall-clock limit on the whole fetch (DNS, connect,
redirects, headers, body), not urllib's per-read socket timeout, which a server dripping a byte a second
never trips. And every failure comes back as an HttpPage with `error` set; nothing is raised.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from functools import cache
from typing import IO, Any, Protocol
from urllib.parse import urljoin, urlsplit

from auditor import __version__
from auditor.extract.html import decode_html
from auditor.model.resolve import NO_RESOLVE, ResolveMap

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36 "
    f"auditor/{__version__}"
)
HEADERS = {"User-Agent": USER_AGENT, "Accept-Language": "zh-CN,zh;q=0.9", "Accept": "text/html,*/*"}

# Setting (to move to the settings object): the largest body read, in bytes. Far above any list or article
# page; a larger body is a download or a runaway page.
MAX_BODY_BYTES = 10 * 1024 * 1024
# Setting: bytes asked for per read of the body; between reads the deadline is checked again.
READ_CHUNK_BYTES = 64 * 1024
# Setting: the only URL schemes fetched, on the first request and on every redirect. urllib itself would
# follow a redirect to ftp: and, with its default handlers, open file: and data: URLs.
ALLOWED_SCHEMES = frozenset({"http", "https"})

# A socket timeout of 0 would make the socket non-blocking; the shortest one set is this, in seconds.
MIN_SOCKET_TIMEOUT = 0.001

# Asked before each redirect is followed, from the fetch's thread: why the target may not be fetched, or None.
RedirectCheck = Callable[[str], str | None]

_AddrInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]


@dataclass(frozen=True)
class HttpPage:
    url: str
    final_url: str
    status: int | None
    content_type: str | None
    text: str  # the decoded body; "" unless the whole body was read
    error: str | None
    timed_out: bool
    elapsed_ms: float
    truncated: bool = False  # the body was longer than the fetch's max_bytes; see _finish for what follows
    body_bytes: int = 0  # bytes of the body read (up to max_bytes)

    @property
    def too_large(self) -> bool:
        """An HTML page over the size cap: recorded, never judged from its first part."""
        return self.truncated and self.error is not None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400 and self.error is None

    @property
    def is_html(self) -> bool:
        return _is_html(self.content_type)


def fetch(
    url: str,
    *,
    timeout: float,
    deadline: float | None = None,
    max_bytes: int = MAX_BODY_BYTES,
    redirect_check: RedirectCheck | None = None,
    resolve: ResolveMap = NO_RESOLVE,
    method: str = "GET",
) -> HttpPage:
    """GET (or HEAD) a page; returns within `timeout` seconds (or by `deadline`, a time.monotonic() value, if
    earlier). Hosts in `resolve` are connected to at their mapped address; the URL and Host header keep the name."""
    return _fetch(url, _Deadline(timeout, deadline, resolve), max_bytes, redirect_check, method)


async def fetch_async(
    url: str,
    *,
    timeout: float,  # noqa: ASYNC109 - the fetch's own wall-clock limit, enforced in its thread
    deadline: float | None = None,
    max_bytes: int = MAX_BODY_BYTES,
    redirect_check: RedirectCheck | None = None,
    resolve: ResolveMap = NO_RESOLVE,
    method: str = "GET",
) -> HttpPage:
    clock = _Deadline(timeout, deadline, resolve)
    try:
        return await asyncio.to_thread(_fetch, url, clock, max_bytes, redirect_check, method)
    except asyncio.CancelledError:
        # A thread cannot be cancelled; ending the deadline now shuts its sockets, so the thread returns at
        # once instead of holding its connection (and a worker) until the deadline.
        clock.expire()
        raise


# -- the fetch ---------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    """What a fetch has learnt so far; filled in step by step so a failure keeps what came before it."""

    final_url: str
    status: int | None = None
    content_type: str | None = None
    body: bytes = b""
    complete: bool = False  # the whole body was read, so it may be decoded and judged
    truncated: bool = False
    error: str | None = None
    timed_out: bool = False


class _FetchError(Exception):
    """A failure whose message is already the HttpPage error."""


def _fetch(
    url: str, clock: _Deadline, max_bytes: int, redirect_check: RedirectCheck | None = None, method: str = "GET"
) -> HttpPage:
    clock.begin()
    outcome = _Outcome(final_url=url)
    if refusal := _refuse(url):
        outcome.error = refusal  # no I/O at all for a URL that is not plain http(s)
    else:
        try:
            _get(url, clock, max_bytes, outcome, redirect_check, method=method)
        except Exception as exc:  # every failure is a value: one bad page never stops a site
            outcome.error, outcome.timed_out = _describe(exc, clock)
        finally:
            clock.close()
    return _finish(url, outcome, clock, max_bytes)


def _refuse(url: str) -> str | None:
    """Why a URL is not fetched at all, or None."""
    try:
        parts = urlsplit(url)
        _port = parts.port  # raises ValueError for a port that is not a number or out of range
    except ValueError as exc:
        return f"bad URL: {exc}"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"scheme not allowed: {parts.scheme or 'none'}"
    if not parts.hostname:
        return "bad URL: no host"
    return None


def _get(
    url: str,
    clock: _Deadline,
    max_bytes: int,
    outcome: _Outcome,
    redirect_check: RedirectCheck | None,
    *,
    method: str = "GET",
) -> None:
    request = urllib.request.Request(url, headers=HEADERS, method=method)
    try:
        # urllib's timeout only seeds the connection; _Deadline.connect sets the real one.
        response = _opener(clock, redirect_check).open(request, timeout=max(clock.left(), 0.001))
    except urllib.error.HTTPError as exc:
        try:
            _http_error(exc, clock, max_bytes, outcome)
        finally:
            if exc.fp is not None:
                exc.fp.close()
        return
    with response:
        outcome.status = response.status
        outcome.final_url = response.geturl()
        outcome.content_type = response.headers.get("Content-Type")
        if method == "HEAD":
            # A HEAD answer has no body whatever its Content-Length says: nothing to read, nothing cut short.
            outcome.complete = True
            return
        _read_body(response, response.headers, clock, max_bytes, outcome)


def _http_error(exc: urllib.error.HTTPError, clock: _Deadline, max_bytes: int, outcome: _Outcome) -> None:
    """A 4xx/5xx answer (or a 30x urllib gave up on): the status is the finding; its body is a bonus."""
    outcome.final_url = exc.filename or outcome.final_url
    if 300 <= exc.code < 400 and str(exc.reason).startswith(urllib.request.HTTPRedirectHandler.inf_msg):
        # urllib stops after 10 redirects, or 4 to the same URL, with this message.
        outcome.error = "redirect loop"
        return
    outcome.status = exc.code
    outcome.error = f"HTTP {exc.code}"
    outcome.content_type = exc.headers.get("Content-Type") if exc.headers else None
    if exc.fp is not None:
        # An error page's text is kept when it arrives whole, but a failure reading it does not replace the
        # status as the reason the fetch failed.
        with contextlib.suppress(Exception):
            _read_body(exc.fp, exc.headers, clock, max_bytes, outcome)  # type: ignore[arg-type]  # an HTTPResponse


class _Readable(Protocol):
    def read1(self, n: int = ..., /) -> bytes: ...


def _read_body(response: _Readable, headers: Message, clock: _Deadline, max_bytes: int, outcome: _Outcome) -> None:
    """Read the body in chunks, each read's timeout cut to the time left, stopping at max_bytes."""
    clock.phase = "reading the body"
    expected = _content_length(headers)
    if expected is not None and expected > max_bytes:
        outcome.truncated = True  # declared too long: not worth reading only to throw away
        return
    chunks: list[bytes] = []
    size = 0
    while True:
        clock.tighten()
        try:
            # read1: at most one recv per call, so a drip cannot hold a read open past the deadline.
            chunk = response.read1(min(READ_CHUNK_BYTES, max_bytes + 1 - size))
        except http.client.IncompleteRead:
            clock.raise_if_expired()
            raise _FetchError(f"incomplete body: chunked body cut short after {size} bytes") from None
        except ConnectionError as exc:
            clock.raise_if_expired()
            raise _FetchError(f"connection reset after {size} bytes of the body: {exc}") from None
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            outcome.truncated = True
            return
    # The deadline's shutdown ends a read like the server closing the connection would: a body that ran
    # to "end of file" at the deadline may be cut short.
    clock.raise_if_expired()
    if expected is not None and size < expected:
        # http.client's read1 reports a short Content-Length body as a normal end; it is not.
        raise _FetchError(f"incomplete body: {size} of {expected} bytes")
    outcome.body = b"".join(chunks)
    outcome.complete = True


def _content_length(headers: Message) -> int | None:
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        return None  # http.client ignores Content-Length on a chunked body; so do we
    try:
        length = int(headers.get("Content-Length") or "")
    except ValueError:
        return None
    return length if length >= 0 else None


def _finish(url: str, outcome: _Outcome, clock: _Deadline, max_bytes: int) -> HttpPage:
    text = ""
    if outcome.truncated:
        # A page over the cap is an error: a list judged from its first max_bytes could miss its newest rows.
        # A document over the cap (a PDF behind a column link) is still a good answer, without its text:
        # callers look only at its status and type.
        if outcome.error is None and _is_html(outcome.content_type):
            outcome.error = f"body over {max_bytes} bytes"
    elif outcome.complete and outcome.body:
        text = decode_html(outcome.body, outcome.content_type)
    return HttpPage(
        url=url,
        final_url=outcome.final_url,
        status=outcome.status,
        content_type=outcome.content_type,
        text=text,
        error=outcome.error,
        timed_out=outcome.timed_out,
        elapsed_ms=clock.elapsed_ms(),
        truncated=outcome.truncated,
        body_bytes=len(outcome.body),
    )


def _is_html(content_type: str | None) -> bool:
    return content_type is None or "html" in content_type.lower()


def _describe(exc: Exception, clock: _Deadline) -> tuple[str, bool]:
    """(error, timed_out) for whatever a fetch raised."""
    reason: BaseException | str = exc
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason  # urllib wraps errors from connecting and sending the request
    # Once the deadline has shut the sockets, whatever broke (EOF, reset, TLS error) is the timeout's doing.
    if clock.fired or isinstance(reason, TimeoutError):
        return f"timeout after {clock.seconds:.3g}s {clock.phase}", True
    match reason:
        case _FetchError():
            message = str(reason)
        case str():
            message = f"cannot connect: {reason}"
        case socket.gaierror():
            message = f"cannot resolve host: {reason}"
        case ssl.SSLError():
            message = f"TLS error: {reason}"
        case http.client.RemoteDisconnected():
            message = f"no response: {reason}"
        case http.client.InvalidURL():
            message = f"bad URL: {reason}"
        case http.client.HTTPException():
            message = f"bad response: {type(reason).__name__}: {reason}"
        case OSError() if clock.phase == "connecting":
            message = f"cannot connect: {reason}"
        case ConnectionError():
            message = f"connection error: {reason}"
        case _:
            message = f"{type(reason).__name__}: {reason}"
    return message, False


# -- the deadline ------------------------------------------------------------------------------------


class _Deadline:
    """One fetch's wall-clock limit, held on every socket the fetch opens.

    Two mechanisms, because neither is enough alone: each read's socket timeout is cut to the time left,
    which ends a silent server cleanly; and at the deadline a timer shuts every socket down, which ends
    what per-read timeouts cannot: headers or a chunk-size line dripped a byte at a time (http.client reads
    those in loops of its own), a TLS handshake, a proxy CONNECT.
    """

    def __init__(self, timeout: float, deadline: float | None, resolve: ResolveMap = NO_RESOLVE) -> None:
        self._timeout = max(timeout, 0.0)
        self.resolve = resolve
        self._wall = deadline
        self.started = time.monotonic()
        self.at = self._limit(self.started)
        self.seconds = max(self.at - self.started, 0.0)  # for messages
        self.phase = "connecting"  # for messages: what the fetch was doing when time ran out
        self.fired = False
        self._lock = threading.Lock()
        self._closed = False
        self._timer: threading.Timer | None = None
        # The sockets reads go through (the TCP socket, then the TLS one wrapping it): their timeouts are cut.
        self._readers: list[socket.socket] = []
        # dup()s of each TCP socket, for the shutdown at the deadline: a duplicate reaches the connection
        # whatever http.client or ssl has since done with the original object (wrapped, detached, closed).
        self._handles: list[socket.socket] = []

    def begin(self) -> None:
        """Start the clock again as the fetch starts: the timeout is the fetch's own, so it does not run
        while the fetch waits for a worker thread; the caller's deadline is absolute and stays put."""
        with self._lock:
            self.started = time.monotonic()
            self.at = self._limit(self.started)  # a fetch cancelled before it began stays fired
            self.seconds = max(self.at - self.started, 0.0)

    def _limit(self, now: float) -> float:
        return now + self._timeout if self._wall is None else min(now + self._timeout, self._wall)

    def left(self) -> float:
        return self.at - time.monotonic()

    def elapsed_ms(self) -> float:
        return (time.monotonic() - self.started) * 1000

    def raise_if_expired(self) -> None:
        if self.fired or self.left() <= 0:
            raise TimeoutError(self.phase)

    def tighten(self) -> None:
        """Cut the next read's timeout to the time left; raises TimeoutError once none is."""
        self.raise_if_expired()
        left = max(self.left(), MIN_SOCKET_TIMEOUT)
        with self._lock:
            for sock in self._readers:
                with contextlib.suppress(OSError):  # a socket http.client or ssl has closed or detached
                    sock.settimeout(left)

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._readers.append(sock)

    def connect(
        self, address: tuple[str, int], _timeout: object = None, source_address: tuple[str, int] | None = None
    ) -> socket.socket:
        """socket.create_connection as http.client calls it, but bounded by the deadline, DNS included."""
        self.phase = "connecting"
        host, port = address
        last_error: OSError = OSError(f"no address for {host}")
        # A mapped host is connected to at its mapped address (--resolve); the request still names the host.
        host, port = self.resolve.lookup(host, port) or (host, port)
        for family, kind, proto, _name, sockaddr in _resolve(host, port, self.left()):
            self.raise_if_expired()
            sock = socket.socket(family, kind, proto)
            try:
                self._hold(sock)
                sock.settimeout(max(self.left(), MIN_SOCKET_TIMEOUT))
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
            except OSError as exc:
                sock.close()
                if isinstance(exc, TimeoutError):
                    raise
                last_error = exc
                continue
            self.track(sock)
            self.phase = "waiting for the response"
            return sock
        raise last_error

    def _hold(self, sock: socket.socket) -> None:
        with self._lock:
            if self._closed or self.fired:
                raise TimeoutError(self.phase)
            self._handles.append(sock.dup())
            if self._timer is None:
                self._timer = threading.Timer(max(self.left(), 0.0), self.expire)
                self._timer.daemon = True
                self._timer.start()

    def expire(self) -> None:
        """End the fetch now: shut every connection down, so blocked reads return at once."""
        with self._lock:
            self.at = min(self.at, time.monotonic())
            if self._closed:
                return
            self.fired = True
            for handle in self._handles:
                with contextlib.suppress(OSError):  # not connected yet, or already shut
                    handle.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            for handle in self._handles:
                handle.close()
            self._handles.clear()
            self._readers.clear()


def _resolve(host: str, port: int, timeout: float) -> list[_AddrInfo]:
    """getaddrinfo bounded in time: the system resolver takes no timeout and may retry for tens of seconds."""
    if timeout <= 0:
        raise TimeoutError("resolving")
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(host)
        return list(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))  # a literal address: no lookup
    answer: list[list[_AddrInfo] | OSError] = []

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))  # type: ignore[arg-type]
        except OSError as exc:
            answer.append(exc)

    # A daemon thread: a lookup still hanging after the deadline is abandoned and ends with the resolver.
    thread = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    thread.start()
    thread.join(timeout)
    if not answer:
        raise TimeoutError(f"resolving {host}")
    if isinstance(answer[0], OSError):
        raise answer[0]
    return answer[0]


# -- urllib, with the deadline and the scheme rule on every hop ---------------------------------------


def _opener(clock: _Deadline, redirect_check: RedirectCheck | None = None) -> urllib.request.OpenerDirector:
    """urllib's usual handlers for http(s) (proxies from the environment, redirects, error statuses), and
    no others: no file:, ftp: or data: handler exists to be reached."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        _HTTPHandler(clock),
        _HTTPSHandler(clock),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(redirect_check),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


@cache
def _tls_context() -> ssl.SSLContext:
    # One context for all fetches: http.client would build one per connection, loading the CA store each time.
    return ssl.create_default_context()


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        # http.client opens its socket (and a proxy tunnel's) through this hook.
        self._create_connection = deadline.connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._create_connection = deadline.connect
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        # The TLS socket now does the reading; its timeouts are the ones to cut.
        self._deadline.track(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, clock: _Deadline) -> None:
        super().__init__()
        self._clock = clock

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        # The connection class takes the deadline as a keyword that typeshed's protocol does not know.
        return self.do_open(_HTTPConnection, req, deadline=self._clock)  # type: ignore[arg-type]


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, clock: _Deadline) -> None:
        super().__init__(context=_tls_context())
        self._clock = clock

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req, context=_tls_context(), deadline=self._clock)  # type: ignore[arg-type]


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def __init__(self, check: RedirectCheck | None) -> None:
        super().__init__()
        self._check = check

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message) -> Any:
        location = headers.get("Location") or headers.get("URI")
        if location:
            target = urljoin(req.full_url, location.strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                fp.close()
                raise _FetchError(f"redirect to a scheme not allowed: {scheme} ({target[:200]})")
            if self._check is not None and (refusal := self._check(target)):
                fp.close()
                raise _FetchError(f"{refusal}: {target[:200]}")
        # A redirect's own body is never used. Closing it first makes urllib's fp.read() of it, which has no
        # size cap, read nothing.
        fp.close()
        return super().http_error_302(req, fp, code, msg, headers)  # type: ignore[arg-type]  # an HTTPMessage at run time

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302
