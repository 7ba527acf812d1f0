#!/usr/bin/env bash
# Checks the system packages the course needs and installs the missing ones on
# Debian or Ubuntu (as root, or through sudo). Elsewhere it names the command.
#   scripts/check-deps.sh                 what building and testing need
#   scripts/check-deps.sh --with-gnuplot  also gnuplot, to render figures
#   scripts/check-deps.sh --with-gnuplot --with-live-tests
#                                         also what the live view's tests drive:
#                                         a windowed gnuplot, Xvfb, xdotool, tmux
set -euo pipefail

want_gnuplot=false
want_live_tests=false
for argument in "$@"; do
  [[ "$argument" == "--with-gnuplot" ]] && want_gnuplot=true
  [[ "$argument" == "--with-live-tests" ]] && want_live_tests=true
done

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
# A windowed gnuplot first, if the live tests want one: gnuplot-iostream's
# package needs some gnuplot, and would otherwise pull in gnuplot-qt.
if $want_live_tests && [[ ! -x /usr/bin/gnuplot-x11 && ! -x /usr/bin/gnuplot-qt ]]; then missing+=(gnuplot-x11)
elif $want_gnuplot && ! command -v gnuplot >/dev/null 2>&1; then missing+=(gnuplot-nox); fi
# gnuplot-iostream (and Boost.Iostreams) for the live view's bridge; without
# it the course builds and runs, and --plot live says it is unavailable.
[[ -f /usr/include/gnuplot-iostream.h ]] || missing+=(libgnuplot-iostream-dev)
if $want_live_tests; then
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
fi

[[ ${#missing[@]} -eq 0 ]] && exit 0

command="apt-get install -y ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages: ${missing[*]} (Debian/Ubuntu names)." >&2
  echo "  Install OpenBLAS, zlib, OpenSSL, gnuplot and gnuplot-iostream with your system's package manager, then run make again." >&2
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
