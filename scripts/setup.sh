#!/usr/bin/env bash
# Installs what the service and its tests need on a fresh machine: redis-server (Debian package)
# and the npm packages (better-sqlite3 builds from source here, about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: redis-server for the embedded default and the tests; docker-compose only so the
# tests can check docker/compose.yaml with the real parser where the compose v2 plugin is absent.
packages=()
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
# The web application's browser tests: Debian's Chromium (driven by playwright-core, no browser
# download), its Japanese translations (date and file fields as a Japanese PC shows them) and
# Japanese fonts, so screens and screenshots render their text.
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -f /usr/lib/chromium/locales/ja.pak ] || packages+=(chromium-l10n)
[ -d /usr/share/fonts/opentype/noto ] || fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || packages+=(fonts-noto-cjk)
# 公表: the published PDF embeds BIZ UDゴシック (SIL OFL, redistributable; IPAexゴシック as the fallback),
# and its tests read it back with poppler-utils (pdftotext, pdfinfo, pdftoppm) and check it with qpdf.
[ -f /usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf ] || packages+=(fonts-morisawa-bizud-gothic)
[ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || packages+=(fonts-ipaexfont-gothic)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || packages+=(qpdf)
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  packages+=(docker-compose)
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing ${packages[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi
if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  npm rebuild better-sqlite3
fi
