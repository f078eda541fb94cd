#!/usr/bin/env bash
# The Debian packages the site needs beside Python: WeasyPrint's libraries and a font
# for the PDFs, and GNU gettext for the translations; with --tests also Chromium for the
# browser tests. Installs what is missing when run as root with apt; otherwise says
# what to install (without Chromium the browser tests are skipped, outside CI).
set -euo pipefail
nodig=()
ldconfig -p | grep -q "libpango-1.0.so" || nodig+=(libpango-1.0-0)
ldconfig -p | grep -q "libpangoft2-1.0.so" || nodig+=(libpangoft2-1.0-0)
ldconfig -p | grep -q "libharfbuzz-subset.so" || nodig+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || nodig+=(fonts-dejavu-core)
command -v msgfmt >/dev/null || nodig+=(gettext)
tests_nodig=()
if [ "${1:-}" = "--tests" ]; then
  command -v chromium >/dev/null || tests_nodig+=(chromium)
fi
alles=("${nodig[@]}" "${tests_nodig[@]}")
[ ${#alles[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${alles[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${alles[@]}" >/dev/null
elif [ ${#nodig[@]} -gt 0 ]; then
  echo "Please install these Debian packages first: ${alles[*]}" >&2
  echo "  sudo apt-get install ${alles[*]}" >&2
  exit 1
else
  echo "Chromium is missing: the browser tests will be skipped (sudo apt-get install chromium)." >&2
fi
