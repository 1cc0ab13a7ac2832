#!/usr/bin/env bash
# Makes sure the system libraries Qt (and, for tests, LibreOffice, poppler and PostgreSQL) need
# are present.
# As root, missing ones are installed with apt-get; otherwise the exact command is printed.
# Usage: scripts/sysdeps.sh run|test
set -u
want=${1:-run}
[ "$(uname -s)" = "Linux" ] || exit 0
command -v dpkg-query >/dev/null 2>&1 || { echo "sysdeps: not a Debian-like system; install Qt's libraries (libEGL, libGL, fontconfig, xkbcommon) by hand if the window fails to open."; exit 0; }

qt="libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3"
xwin="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
docs="libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito fonts-crosextra-caladea"
# The tests run every model area against a PostgreSQL server they start themselves (issue 22).
server="postgresql"
case "$want" in
  run) pkgs="$qt $xwin" ;;
  test) pkgs="$qt $docs $server" ;;
  *) pkgs="$qt" ;;
esac

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "sysdeps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || { echo "sysdeps: apt-get failed; run: apt-get install -y$missing"; exit 1; }
else
  echo "sysdeps: missing system packages. Run:"
  echo "    sudo apt-get install -y$missing"
  [ "$want" = "test" ] && exit 0
fi
