#!/usr/bin/env sh
# `make test` calls this before the suite: the browser tests drive Debian's Chromium
# (Playwright's own browser download does not work here). Installs it with apt-get when this
# user can; otherwise says in one line how to, and the suite runs with those tests skipped.
# Never fails: a machine without a browser still runs every other test.
CHROMIUM="${CSTO_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$CHROMIUM" = /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        SUDO=none
    fi
    if [ "$SUDO" != none ]; then
        echo "Installing Debian's Chromium for the browser tests (apt-get install chromium)..."
        if $SUDO apt-get update -qq >/dev/null 2>&1 \
            && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 \
            && [ -x "$CHROMIUM" ]; then
            exit 0
        fi
    fi
fi
echo "Chromium is missing ($CHROMIUM): the browser tests will be skipped; install it with 'sudo apt-get install -y chromium' (or set CSTO_CHROMIUM to its path)."
exit 0
