#!/usr/bin/env bash
# Checks the system packages the course needs and installs the missing ones on
# Debian or Ubuntu (as root, or through sudo). Elsewhere it names the command.
#   scripts/check-deps.sh                 what building and testing need
#   scripts/check-deps.sh --with-gnuplot  also gnuplot, to render figures
set -euo pipefail

want_gnuplot=false
[[ "${1:-}" == "--with-gnuplot" ]] && want_gnuplot=true

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (6.1 or later) is not on PATH." >&2
  echo "  Install it from https://www.swift.org/install/ (on Linux: swiftly), then run make again." >&2
  exit 1
fi

if [[ "$(uname)" == "Darwin" ]]; then
  # Accelerate (BLAS), zlib and CommonCrypto (SHA-256) come with macOS; gnuplot comes from Homebrew.
  if $want_gnuplot && ! command -v gnuplot >/dev/null 2>&1; then
    echo "note: gnuplot is missing, so figures will not be rendered: brew install gnuplot" >&2
  fi
  exit 0
fi

missing=()
# OpenBLAS's C interface and pkg-config file, zlib's header.
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
[[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
# OpenSSL's libcrypto (SHA-256 of the MNIST files) and its pkg-config file.
pkg-config --exists libcrypto 2>/dev/null || missing+=(libssl-dev)
if $want_gnuplot && ! command -v gnuplot >/dev/null 2>&1; then missing+=(gnuplot-nox); fi

[[ ${#missing[@]} -eq 0 ]] && exit 0

command="apt-get install -y ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages: ${missing[*]} (Debian/Ubuntu names)." >&2
  echo "  Install OpenBLAS, zlib, OpenSSL and gnuplot with your system's package manager, then run make again." >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
  echo "Installing ${missing[*]} …"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive $command -qq
elif command -v sudo >/dev/null 2>&1; then
  echo "Installing ${missing[*]} (sudo) …"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $command -qq
else
  echo "error: missing system packages: ${missing[*]}" >&2
  echo "  Run as root: apt-get update && $command" >&2
  exit 1
fi
