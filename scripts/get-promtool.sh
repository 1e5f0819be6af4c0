#!/usr/bin/env bash
# Puts promtool (from Debian's prometheus package, extracted, not installed: no service, no user) in
# ~/.cache/headroom/promtool/usr/bin/promtool, where PromtoolTest looks for it (after $HEADROOM_PROMTOOL and
# the PATH). Exits 0 when it is there; 1, saying why, when apt-get or dpkg cannot fetch it. Bounded: each
# apt step has 180 s. Set HEADROOM_PROMTOOL_DIR for another place.
set -euo pipefail
dest="${HEADROOM_PROMTOOL_DIR:-$HOME/.cache/headroom/promtool}"
if [ -x "$dest/usr/bin/promtool" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
  echo "get-promtool: no apt-get or dpkg here; install promtool (Prometheus 2.x) yourself" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
download() { (cd "$tmp" && timeout 180 apt-get download -q prometheus >/dev/null 2>&1); }
if ! download; then
  # a fresh machine may have no package lists yet: only root can fetch them
  if [ "$(id -u)" = 0 ] && timeout 180 apt-get update -q >/dev/null 2>&1 && download; then
    :
  else
    echo "get-promtool: apt-get download prometheus failed (no network or package lists?)" >&2
    exit 1
  fi
fi
dpkg -x "$tmp"/prometheus_*.deb "$tmp/x"
mkdir -p "$dest/usr/bin"
cp "$tmp/x/usr/bin/promtool" "$dest/usr/bin/promtool.part"
mv "$dest/usr/bin/promtool.part" "$dest/usr/bin/promtool"
"$dest/usr/bin/promtool" --version 2>&1 | head -1
