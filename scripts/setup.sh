#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install what scale-across needs from Debian's packages, only what is missing.
#   scripts/setup.sh            build and test standalone against Debian's ns-3 (3.37)
#   scripts/setup.sh --in-tree  also what the ns-3 source-tree check needs
set -euo pipefail

packages=(cmake g++ make pkg-config libns3-dev ns3 libgsl-dev libgtest-dev gnuplot-nox valgrind
          clang libclang-rt-14-dev)
in_tree=0
for arg in "$@"; do
  case "$arg" in
    --in-tree) in_tree=1; packages+=(python3 bzip2 dpkg-dev) ;;
    -h|--help) sed -n '4,6p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg' (valid: --in-tree, --help)" >&2; exit 2 ;;
  esac
done

sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: run as root or install sudo" >&2; exit 1; }
  sudo=sudo
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

need_src=0
if [ $in_tree = 1 ] && ! grep -rqs '^Types: deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  need_src=1
  echo "setup.sh: adding a deb-src entry for bookworm (for 'apt-get source ns3')"
  $sudo tee /etc/apt/sources.list.d/scale-across-deb-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

if [ ${#missing[@]} -gt 0 ] || [ $need_src = 1 ]; then
  echo "setup.sh: installing ${missing[*]:-(source index only)}"
  $sudo apt-get update -q >/dev/null
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi
