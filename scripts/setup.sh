#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a working Luanma:
# system packages (browsers for the end-to-end tests, a CJK font), npm packages,
# both extension builds, and the command-line tool repairing the seed article.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Chinese UI strings for Chromium, so the extension's zh_CN locale is what the end-to-end tests see.
[ -d /usr/lib/chromium/locales ] && ls /usr/lib/chromium/locales/zh-CN.pak >/dev/null 2>&1 || need+=(chromium-l10n)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
command -v zip >/dev/null 2>&1 || need+=(zip)
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "luanma setup: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run build

if [ "${1:-}" != "--no-demo" ]; then
  echo
  echo "── Luanma repairs tests/fixtures/seed-founder.txt (first lines): ──"
  npm run --silent repair -- tests/fixtures/seed-founder.txt | head -n 12
fi
