#!/usr/bin/env bash
# Idempotent set-up for a fresh machine (Debian 12 / Ubuntu; Python >= 3.11 already on PATH).
#
#   scripts/setup.sh          pip install -e .          + a Chromium + a CJK font
#   scripts/setup.sh --test   pip install -e '.[test]'  + a Chromium + a CJK font
#
# Browser: Playwright's own Chromium when present or downloadable (`python -m playwright install chromium`,
# bounded by a timeout); otherwise Debian's `chromium` package via apt-get. A CJK font (fonts-noto-cjk) is
# always required: without one every Chinese page renders as tofu in screenshots.
#
# Environment: PYTHON (interpreter, default python3), AUDITOR_CHROMIUM (a chromium binary to use as is;
# skips the browser install), PLAYWRIGHT_INSTALL_TIMEOUT (seconds, default 120).
set -euo pipefail

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

extras=""
for arg in "$@"; do
    case "$arg" in
        --test) extras="[test]" ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "setup: unknown argument: $arg (see --help)" >&2
            exit 2
            ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY="${PYTHON:-python3}"
INSTALL_TIMEOUT="${PLAYWRIGHT_INSTALL_TIMEOUT:-120}"

say() { printf '==> %s\n' "$*"; }
die() {
    printf 'setup: error: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------- root / apt helpers

# Run a command as root: directly when root, through sudo when available, else print it and stop.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        printf 'setup: root is needed for this step and sudo is not installed. Run as root:\n    %s\n' "$*" >&2
        printf 'then run %s again.\n' "$0" >&2
        exit 1
    fi
}

# apt-get with a wait on the dpkg lock. DPkg::Lock::Timeout covers the dpkg/frontend locks of `install`, but
# `apt-get update` fails at once on the lists lock, so a held lock is also retried here (up to ~10 minutes).
apt_get() {
    local log attempt rc
    log="$(mktemp)"
    for attempt in $(seq 1 60); do
        rc=0
        as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 "$@" 2>&1 |
            tee "$log" || rc=$?
        if [ "$rc" -eq 0 ]; then
            rm -f "$log"
            return 0
        fi
        if grep -qE 'Could not get lock|Unable to lock|Unable to acquire the dpkg' "$log"; then
            say "apt is busy (another apt/dpkg holds the lock); waiting 10s (attempt $attempt/60)"
            sleep 10
            continue
        fi
        rm -f "$log"
        return "$rc"
    done
    rm -f "$log"
    die "apt lock still held after 10 minutes; try again later"
}

apt_updated=0
apt_install() {
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        printf 'setup: root is needed to install %s and sudo is not installed. Run as root:\n' "$*" >&2
        printf '    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y %s\n' "$*" >&2
        printf 'then run %s again.\n' "$0" >&2
        exit 1
    fi
    if [ "$apt_updated" -eq 0 ]; then
        say "apt-get update"
        apt_get update
        apt_updated=1
    fi
    say "apt-get install $*"
    apt_get install -y "$@"
}

deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ---------------------------------------------------------------- python package

command -v "$PY" >/dev/null 2>&1 || die "$PY not found; install Python >= 3.11 or set PYTHON=/path/to/python3"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    die "$("$PY" --version 2>&1) is too old; Python >= 3.11 is required (set PYTHON=/path/to/python3.11)"

# Debian/Ubuntu's own python3 refuses `pip install` outside a virtualenv (PEP 668): say so plainly.
if "$PY" - <<'EOF'; then
import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
EOF
    die "$PY is the distribution's externally managed Python; create a virtualenv first:
    $PY -m venv .venv && . .venv/bin/activate && $0 $*"
fi

say "pip install -e .${extras}  ($("$PY" --version 2>&1), $(command -v "$PY"))"
PIP_ROOT_USER_ACTION=ignore "$PY" -m pip install --disable-pip-version-check -q -e ".${extras}"
# pyenv only exposes new console scripts (auditor) after a rehash; `python -m pip` does not trigger one.
if command -v pyenv >/dev/null 2>&1; then
    pyenv rehash >/dev/null 2>&1 || true
fi
command -v auditor >/dev/null 2>&1 ||
    say "note: the 'auditor' command is not on PATH; add $("$PY" -c 'import sysconfig; print(sysconfig.get_path("scripts"))') to PATH"

# ---------------------------------------------------------------- browser

# Path of Playwright's own Chromium when completely installed (its INSTALLATION_COMPLETE marker exists), else
# nothing. The driver knows the exact revision this playwright version expects; the glob is a fallback.
playwright_chromium() {
    local exe
    exe="$("$PY" - 2>/dev/null <<'EOF' || true
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    print(p.chromium.executable_path)
EOF
    )"
    if [ -z "$exe" ]; then
        exe="$(compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium-*/chrome-linux*/chrome" |
            sort -V | tail -n 1 || true)"
    fi
    if [ -n "$exe" ] && [ -x "$exe" ] && [ -e "$(dirname "$(dirname "$exe")")/INSTALLATION_COMPLETE" ]; then
        printf '%s\n' "$exe"
    fi
}

system_chromium() {
    local candidate
    for candidate in /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser; do
        if [ -x "$candidate" ]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

install_debian_chromium() {
    local missing=()
    deb_installed chromium || missing+=(chromium)
    deb_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
    if [ "${#missing[@]}" -gt 0 ]; then
        apt_install "${missing[@]}"
    fi
    system_chromium >/dev/null || die "apt-get installed chromium but no binary was found under /usr/lib/chromium or /usr/bin"
}

browser=""
from_playwright=0
if [ -n "${AUDITOR_CHROMIUM:-}" ]; then
    browser="$(command -v "$AUDITOR_CHROMIUM" || true)"
    if [ -z "$browser" ] || [ ! -x "$browser" ]; then
        die "AUDITOR_CHROMIUM=$AUDITOR_CHROMIUM is not an executable file"
    fi
    say "browser: AUDITOR_CHROMIUM=$browser (no install)"
elif browser="$(playwright_chromium)" && [ -n "$browser" ]; then
    say "browser: Playwright's Chromium already installed: $browser"
    from_playwright=1
else
    say "browser: trying 'python -m playwright install chromium' (timeout ${INSTALL_TIMEOUT}s)"
    pw_log="$(mktemp)"
    if timeout --kill-after=10 "$INSTALL_TIMEOUT" "$PY" -m playwright install chromium >"$pw_log" 2>&1 &&
        browser="$(playwright_chromium)" && [ -n "$browser" ]; then
        say "browser: Playwright's Chromium installed: $browser"
        from_playwright=1
    else
        rc=$?
        reason="$(grep -m1 -E '^Error' "$pw_log" || tail -n 1 "$pw_log")"
        [ "$rc" -eq 124 ] && reason="timed out after ${INSTALL_TIMEOUT}s"
        say "browser: Playwright download failed (${reason:-exit $rc}); falling back to Debian's chromium"
        browser=""
    fi
    rm -f "$pw_log"
    if [ -z "$browser" ]; then
        if browser="$(system_chromium)" && deb_installed fonts-noto-cjk; then
            say "browser: system Chromium already installed: $browser"
        else
            install_debian_chromium
            browser="$(system_chromium)"
            say "browser: system Chromium installed: $browser"
        fi
    fi
fi

# Playwright's build links against system libraries that a minimal image may lack (libnss3, libgbm, ...).
if [ "$from_playwright" -eq 1 ] && command -v ldd >/dev/null 2>&1 &&
    ldd "$browser" 2>/dev/null | grep -q 'not found'; then
    say "browser: system libraries missing for Playwright's Chromium; python -m playwright install-deps chromium"
    as_root "$(command -v "$PY")" -m playwright install-deps chromium
fi

# ---------------------------------------------------------------- CJK font

cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; }
zh_font_name() { fc-match 'sans-serif:lang=zh-cn' family 2>/dev/null || true; }

if cjk_font; then
    say "font: CJK font present ($(zh_font_name) for sans-serif:lang=zh-cn)"
else
    say "font: no CJK font found (fc-list :lang=zh); installing fonts-noto-cjk"
    pkgs=(fonts-noto-cjk)
    command -v fc-list >/dev/null 2>&1 || pkgs+=(fontconfig)
    apt_install "${pkgs[@]}"
    cjk_font || die "fonts-noto-cjk installed but fc-list :lang=zh still lists no font"
    say "font: CJK font installed ($(zh_font_name) for sans-serif:lang=zh-cn)"
fi

# ---------------------------------------------------------------- smoke test

# Launch the browser the way the auditor does (auditor.gather.browser) and read back a Chinese page.
say "check: launching Chromium headless"
timeout 90 "$PY" - <<'EOF' || die "Chromium did not start; see the error above"
from playwright.sync_api import sync_playwright

try:
    from auditor.gather.browser import find_chromium, launch_args
except ImportError:  # package still incomplete: launch what Playwright or Debian provides
    import os

    def find_chromium(p):
        for path in (p.chromium.executable_path, "/usr/lib/chromium/chromium", "/usr/bin/chromium"):
            if path and os.access(path, os.X_OK):
                return path
        raise SystemExit("no chromium found")

    def launch_args():
        return ["--disable-gpu"]


with sync_playwright() as p:
    exe = find_chromium(p)
    browser = p.chromium.launch(executable_path=exe, args=launch_args())
    page = browser.new_page()
    page.set_content("<html lang='zh-CN'><body><p>政府网站</p></body></html>")
    text = page.inner_text("p")
    assert text == "政府网站", text
    print(f"==> check: ok, Chromium {browser.version} at {exe}")
    browser.close()
EOF

say "setup done"
