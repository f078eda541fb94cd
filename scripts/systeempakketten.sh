#!/usr/bin/env bash
# The Debian packages the site needs beside Python: WeasyPrint's libraries and a font
# for the PDFs, and GNU gettext for the translations. Installs what is missing when
# run as root with apt; otherwise says what to install.
set -euo pipefail
nodig=()
ldconfig -p | grep -q "libpango-1.0.so" || nodig+=(libpango-1.0-0)
ldconfig -p | grep -q "libpangoft2-1.0.so" || nodig+=(libpangoft2-1.0-0)
ldconfig -p | grep -q "libharfbuzz-subset.so" || nodig+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || nodig+=(fonts-dejavu-core)
command -v msgfmt >/dev/null || nodig+=(gettext)
[ ${#nodig[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${nodig[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${nodig[@]}" >/dev/null
else
  echo "Please install these Debian packages first: ${nodig[*]}" >&2
  echo "  sudo apt-get install ${nodig[*]}" >&2
  exit 1
fi
