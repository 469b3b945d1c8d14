#!/usr/bin/env bash
# The browser the UI tests drive: Debian's chromium, with CJK fonts so screenshots show the articles' text.
# Playwright's own browser download is not used (it needs the internet); the tests launch this one.
# Installs with apt-get when missing (as root, or through passwordless sudo); says what to do otherwise.
# SKIP_BROWSER=1 skips the check, and the browser tests then skip with that reason.
set -euo pipefail

if [ "${SKIP_BROWSER:-}" = 1 ]; then
  echo "ensure-browser: SKIP_BROWSER=1, the browser tests will be skipped" >&2
  exit 0
fi

# grep reads all of fc-list's output (no -q): under pipefail, fc-list killed by SIGPIPE would read as "no fonts".
have_fonts() { fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null; }
if command -v chromium >/dev/null 2>&1 && have_fonts; then
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-browser: the UI tests need Debian's chromium and fonts-noto-cjk; install them with" >&2
  echo "  sudo apt-get install chromium fonts-noto-cjk" >&2
  echo "or run the suite without the browser tests: make test SKIP_BROWSER=1" >&2
  exit 1
fi

command -v apt-get >/dev/null 2>&1 || { echo "ensure-browser: no apt-get here; install chromium and Noto CJK fonts by hand, or make test SKIP_BROWSER=1" >&2; exit 1; }
echo "ensure-browser: installing chromium and fonts-noto-cjk (Debian packages)…" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fontconfig >/dev/null
command -v chromium >/dev/null 2>&1 && have_fonts || { echo "ensure-browser: chromium or the fonts are still missing after apt-get" >&2; exit 1; }
echo "ensure-browser: $(chromium --version 2>/dev/null || echo chromium) ready" >&2
