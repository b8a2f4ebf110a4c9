"""gather.http.fetch against a scripted raw-socket server on 127.0.0.1: limits hold, failures are values."""

from __future__ import annotations

import asyncio
import builtins
import collections
import concurrent.futures
import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from auditor.gather import http as http_module
from auditor.gather.http import MAX_BODY_BYTES, HttpPage, fetch, fetch_async

TIMEOUT = 1.5  # seconds given to each fetch that is meant to time out
BOUND = TIMEOUT + 1.0  # the promise: a fetch ends within its timeout plus a second
HANG_S = 10.0  # the longest any server handler waits or drips, whatever the client does
BIG = 12 * 1024 * 1024
PAGE = "<html><head><title>工作动态</title></head><body><p>青溪区工作动态</p></body></html>"


def run_in_own_loop(coroutine):
    """asyncio.run on a thread of its own: the browser tests' sync Playwright keeps a loop running on this one."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class RawServer:
    """HTTP/1.1 by hand on 127.0.0.1, one thread per connection, each path a scripted behaviour."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.connections: list[socket.socket] = []
        self.requests: list[str] = []
        # request target -> set when the client closed a connection the server was holding open
        self.client_closed: collections.defaultdict[str, threading.Event] = collections.defaultdict(threading.Event)
        self.routes: dict[str, Callable[[socket.socket, str], None]] = {
            "/ok": lambda c, _t: respond(c, "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            "/gbk": lambda c, _t: respond(c, "200 OK", "text/html", PAGE.encode("gbk")),
            "/500": lambda c, _t: respond(
                c, "500 Internal Server Error", "text/html; charset=utf-8", "<p>服务器错误</p>".encode()
            ),
            "/503": lambda c, _t: respond(c, "503 Service Unavailable", "text/html", b"<p>busy</p>"),
            "/redirect": lambda c, _t: redirect(c, "/ok"),
            "/loop": lambda c, _t: redirect(c, "/loop"),
            "/to-file": lambda c, _t: redirect(c, "file:///etc/passwd"),
            "/to-ftp": lambda c, _t: redirect(c, f"ftp://127.0.0.1:{self.port}/x"),
            "/hang-before": self.hang_before,
            "/hang-after": self.hang_after,
            "/drip": self.drip_body,
            "/drip-headers": self.drip_headers,
            "/chunked-cut": self.chunked_cut,
            "/short": self.short,
            "/reset": self.reset,
            "/big": lambda c, _t: self.big(c, "text/html; charset=utf-8", chunked=False),
            "/big-chunked": lambda c, _t: self.big(c, "text/html; charset=utf-8", chunked=True),
            "/big.pdf": lambda c, _t: self.big(c, "application/pdf", chunked=False),
            "/garbage": lambda c, _t: c.sendall(b"HELLO WORLD\r\n\r\n"),
            "/close": lambda _c, _t: None,
        }

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    # -- lifecycle --
    def start(self) -> None:
        self.spawn(self.accept_loop)

    def close(self) -> None:
        self.stop.set()
        self.listener.close()
        with self.lock:
            for conn in self.connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
        for thread in self.threads:
            thread.join(5)

    def spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self.lock:
            self.threads.append(thread)
        thread.start()

    def accept_loop(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _addr = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self.lock:
                self.connections.append(conn)
            self.spawn(self.handle, conn)

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(HANG_S)
        try:
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                data = conn.recv(4096)
                if not data:
                    return
                if not head and data.startswith(b"\x16"):
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")  # a TLS ClientHello to a plain server
                    return
                head += data
            target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
            with self.lock:
                self.requests.append(target)
            path = target.split("?", 1)[0]
            if path.startswith("/hop/"):
                redirect(conn, f"/hop/{int(path.rsplit('/', 1)[1]) + 1}")
            elif path in self.routes:
                self.routes[path](conn, target)
            else:
                respond(conn, "404 Not Found", "text/plain", b"no such route")
        except OSError:
            pass  # the client went away: that is what most of these routes test
        finally:
            conn.close()

    # -- behaviours --
    def hold(self, conn: socket.socket, target: str) -> None:
        """Send nothing more; note when the client gives up (it closes, recv returns b"")."""
        conn.settimeout(0.05)
        until = time.monotonic() + HANG_S
        while not self.stop.is_set() and time.monotonic() < until:
            try:
                if not conn.recv(1024):
                    self.client_closed[target].set()
                    return
            except TimeoutError:
                continue

    def hang_before(self, conn: socket.socket, target: str) -> None:
        self.hold(conn, target)

    def hang_after(self, conn: socket.socket, target: str) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n")
        self.hold(conn, target)

    def drip(self, conn: socket.socket, data: bytes) -> None:
        for byte in data:
            conn.sendall(bytes([byte]))
            if self.stop.wait(1.0):  # a byte a second
                return

    def drip_body(self, conn: socket.socket, _target: str) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n")
        self.drip(conn, b"x" * int(HANG_S))

    def drip_headers(self, conn: socket.socket, _target: str) -> None:
        # Every byte arrives well within any per-read timeout; only a wall clock ends this.
        self.drip(conn, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"[: int(HANG_S)])

    def chunked_cut(self, conn: socket.socket, _target: str) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
        conn.sendall(b"400\r\n" + b"x" * 100)  # a 1024-byte chunk announced, 100 bytes sent, then close

    def short(self, conn: socket.socket, _target: str) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n" + b"x" * 10)

    def reset(self, conn: socket.socket, _target: str) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n" + b"x" * 2000)
        self.stop.wait(0.2)
        # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def big(self, conn: socket.socket, content_type: str, *, chunked: bool) -> None:
        framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BIG}"
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{framing}\r\n\r\n".encode())
        block = b"<p>" + b"x" * (65536 - 7) + b"</p>"
        for _ in range(BIG // len(block)):
            if self.stop.is_set():
                return
            conn.sendall(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
        if chunked:
            conn.sendall(b"0\r\n\r\n")


def respond(conn: socket.socket, status: str, content_type: str, body: bytes, extra: str = "") -> None:
    conn.sendall(
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}"
        "Connection: close\r\n\r\n".encode()
        + body
    )


def redirect(conn: socket.socket, location: str) -> None:
    respond(conn, "302 Found", "text/html", b"<p>moved</p>", extra=f"Location: {location}\r\n")


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    raw = RawServer()
    raw.start()
    try:
        yield raw
    finally:
        raw.close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """urllib honours proxy variables; these tests talk to 127.0.0.1 and nothing else."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


def timed(url: str, **kwargs) -> tuple[HttpPage, float]:
    started = time.monotonic()
    page = fetch(url, **{"timeout": TIMEOUT, **kwargs})
    return page, time.monotonic() - started


# -- answers ------------------------------------------------------------------------------------------


def test_normal_page(server):
    page, _elapsed = timed(server.url("/ok"))
    assert page.ok
    assert page.status == 200
    assert page.content_type == "text/html; charset=utf-8"
    assert "青溪区工作动态" in page.text
    assert page.final_url == server.url("/ok")
    assert (page.error, page.timed_out, page.truncated) == (None, False, False)
    assert page.is_html


def test_head_answer_is_complete_whatever_its_content_length(server):
    page, _elapsed = timed(server.url("/ok"), method="HEAD")
    assert page.ok, page.error
    assert (page.status, page.error, page.text) == (200, None, "")


def test_undeclared_gbk_page_is_decoded(server):
    assert "青溪区工作动态" in fetch(server.url("/gbk"), timeout=TIMEOUT).text


def test_redirect_is_followed(server):
    page = fetch(server.url("/redirect"), timeout=TIMEOUT)
    assert page.ok
    assert page.final_url == server.url("/ok")


@pytest.mark.parametrize(("path", "status", "text"), [("/500", 500, "服务器错误"), ("/503", 503, "busy")])
def test_error_status_is_a_value_with_its_page(server, path, status, text):
    page = fetch(server.url(path), timeout=TIMEOUT)
    assert not page.ok
    assert page.status == status
    assert page.error == f"HTTP {status}"
    assert text in page.text
    assert not page.timed_out


def test_http_page_keeps_its_positional_fields():
    page = HttpPage("u", "u", 200, None, "", None, False, 1.0)  # the original eight fields, positionally
    assert page.ok
    assert not page.truncated


# -- the wall clock -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "phase"),
    [
        ("/hang-before", "waiting for the response"),
        ("/drip-headers", "waiting for the response"),
        ("/hang-after", "reading the body"),
        ("/drip", "reading the body"),
    ],
)
def test_slow_servers_end_at_the_deadline(server, path, phase):
    page, elapsed = timed(server.url(path))
    assert page.timed_out
    assert page.error == f"timeout after {TIMEOUT:g}s {phase}"
    assert not page.ok
    assert page.text == ""
    assert TIMEOUT - 0.1 <= elapsed < BOUND


def test_an_earlier_deadline_wins(server):
    started = time.monotonic()
    page = fetch(server.url("/hang-before?deadline"), timeout=30, deadline=started + 1.0)
    assert page.timed_out
    assert page.error.startswith("timeout after 1s")
    assert time.monotonic() - started < 2.0


def test_a_deadline_already_past_fails_without_connecting(server):
    before = len(server.requests)
    page, elapsed = timed(server.url("/ok"), timeout=30, deadline=time.monotonic() - 1)
    assert page.timed_out
    assert page.error == "timeout after 0s connecting"
    assert elapsed < 0.5
    time.sleep(0.1)
    assert len(server.requests) == before


def test_host_names_are_resolved(server):
    page = fetch(f"http://localhost:{server.port}/ok", timeout=TIMEOUT)
    assert page.ok, page.error


def test_a_hanging_dns_lookup_ends_at_the_deadline(monkeypatch):
    release = threading.Event()

    def stuck_resolver(*_args, **_kwargs):
        release.wait(HANG_S)
        raise socket.gaierror("never answered")

    monkeypatch.setattr(socket, "getaddrinfo", stuck_resolver)
    try:
        page, elapsed = timed("http://portal.example.invalid/")
    finally:
        release.set()
    assert page.timed_out
    assert page.error == f"timeout after {TIMEOUT:g}s connecting"
    assert elapsed < BOUND


def test_deadline_timer_does_not_outlive_the_fetch(server):
    for _ in range(3):
        assert fetch(server.url("/ok"), timeout=30).ok
    # Each fetch's timer is cancelled when the fetch ends, not left sleeping until its 30 s deadline.
    time.sleep(0.2)
    assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer)]


def test_fetch_async_returns_the_page(server):
    page = run_in_own_loop(fetch_async(server.url("/ok"), timeout=TIMEOUT))
    assert page.ok
    assert "青溪区工作动态" in page.text


def test_cancelled_fetch_async_lets_go_of_the_connection(server):
    target = "/hang-before?cancelled"

    async def cancel_soon() -> None:
        task = asyncio.create_task(fetch_async(server.url(target), timeout=30))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    started = time.monotonic()
    run_in_own_loop(cancel_soon())
    # The worker thread shut its socket at the cancel, not at the 30 s deadline.
    assert server.client_closed[target].wait(2.0)
    assert time.monotonic() - started < 3.0


# -- broken bodies and responses ----------------------------------------------------------------------


def test_truncated_chunked_body_is_an_error_not_a_page(server):
    page, elapsed = timed(server.url("/chunked-cut"))
    assert page.error == "incomplete body: chunked body cut short after 100 bytes"
    assert page.status == 200
    assert not page.ok
    assert page.text == ""
    assert not page.timed_out
    assert elapsed < BOUND


def test_body_shorter_than_its_content_length_is_an_error(server):
    page = fetch(server.url("/short"), timeout=TIMEOUT)
    assert page.error == "incomplete body: 10 of 1000 bytes"
    assert page.text == ""


def test_reset_mid_body_is_an_error(server):
    page, elapsed = timed(server.url("/reset"))
    assert not page.ok
    assert page.error.startswith(("connection reset after", "incomplete body"))
    assert page.text == ""
    assert not page.timed_out
    assert elapsed < BOUND


@pytest.mark.parametrize(
    ("path", "raw"),
    [("/garbage", "bad response: BadStatusLine"), ("/close", "no response: Remote end closed connection")],
)
def test_broken_responses_are_errors(server, path, raw):
    page = fetch(server.url(path), timeout=TIMEOUT)
    assert page.status is None
    assert page.error.startswith(raw)


def test_tls_to_a_plain_server_is_an_error(server):
    page = fetch(f"https://127.0.0.1:{server.port}/ok", timeout=TIMEOUT)
    assert page.error.startswith("TLS error")
    assert not page.timed_out


def test_refused_connection_is_an_error():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    page = fetch(f"http://127.0.0.1:{port}/", timeout=TIMEOUT)
    assert page.error.startswith("cannot connect")
    assert page.status is None


# -- size cap -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_page_over_the_cap_is_an_error(server, path):
    page, elapsed = timed(server.url(path), timeout=10)
    assert page.truncated
    assert page.error == f"body over {MAX_BODY_BYTES} bytes"
    assert page.status == 200
    assert not page.ok
    assert page.text == ""
    assert elapsed < 5


def test_document_over_the_cap_is_still_an_answer(server):
    page = fetch(server.url("/big.pdf"), timeout=10)
    assert page.ok
    assert not page.is_html
    assert page.truncated
    assert page.text == ""


def test_max_bytes_is_a_parameter(server):
    page = fetch(server.url("/ok"), timeout=TIMEOUT, max_bytes=10)
    assert page.truncated
    assert page.error == "body over 10 bytes"


# -- redirects and schemes ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/loop", "/hop/1"])
def test_redirect_loop_is_an_error(server, path):
    page, elapsed = timed(server.url(path))
    assert page.error == "redirect loop"
    assert not page.ok
    assert elapsed < BOUND


@pytest.fixture
def opened_files(monkeypatch) -> list[str]:
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    return opened


def test_redirect_to_a_file_url_is_refused_without_reading_it(server, opened_files):
    page = fetch(server.url("/to-file"), timeout=TIMEOUT)
    assert page.error.startswith("redirect to a scheme not allowed: file")
    assert "root:" not in page.text
    assert not page.ok
    assert not any("passwd" in name for name in opened_files)


def test_redirect_to_ftp_is_refused_without_connecting(server):
    before = len(server.requests)
    page = fetch(server.url("/to-ftp"), timeout=TIMEOUT)
    assert page.error.startswith("redirect to a scheme not allowed: ftp")
    assert server.requests[before:] == ["/to-ftp"]


@pytest.fixture
def no_io(monkeypatch):
    """Fail loudly if a fetch gets as far as building an opener or resolving a host."""

    def forbidden(*_args, **_kwargs):
        raise AssertionError("I/O attempted")

    monkeypatch.setattr(http_module, "_opener", forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", forbidden)


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("ftp://127.0.0.1/pub/", "ftp"),
        ("data:text/html,<p>x</p>", "data"),
        ("javascript:alert(1)", "javascript"),
        ("mailto:office@example.gov.cn", "mailto"),
        ("/relative/path.html", "none"),
    ],
)
def test_only_http_urls_are_fetched(url, scheme, no_io, opened_files):
    page, elapsed = timed(url)
    assert page.error == f"scheme not allowed: {scheme}"
    assert (page.status, page.text, page.timed_out) == (None, "", False)
    assert opened_files == []
    assert elapsed < 0.1


@pytest.mark.parametrize("url", ["http://[::1/", "http://127.0.0.1:99999/", "http:///path", "https://"])
def test_bad_urls_are_errors(url, no_io):
    page = fetch(url, timeout=TIMEOUT)
    assert page.error.startswith("bad URL")
    assert page.status is None
