#!/usr/bin/env bash
# scripts/kernel-bits.sh — do the data files depend on the BLAS kernel?
#
# OpenBLAS ships one kernel per CPU family (Prescott, Haswell, SkylakeX, …) and
# picks one at load time; OPENBLAS_CORETYPE overrides it. This runs every
# chapter (or the ones named) with --quick once on the kernel it picks by
# itself and once on each other kernel this CPU can run, and compares every
# .dat file byte for byte with `cmp`. It prints one line per chapter and
# kernel, "same bits" or the files that differ, and exits 1 if any differ.
# `make bench` runs it; the Speed article's statement rests on it.
#
# Usage: scripts/kernel-bits.sh [--flags "FLAGS"] [CHAPTER ...]
#   --flags   the chapters' flags (default: --quick)
# Environment: BENCH_SCRATCH (default .build; the release build is used), BENCH_OUTPUT.
set -euo pipefail
cd "$(dirname "$0")/.."

flags="--quick"
chapters=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --flags) flags=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) chapters+=("$1") ;;
  esac
  shift
done
if [[ ${#chapters[@]} -eq 0 ]]; then
  while read -r chapter; do chapters+=("$chapter"); done < <(ls Chapters | sort | sed 's/^[0-9]*-//')
fi
if [[ $(uname) != Linux ]]; then
  echo "kernel-bits: only OpenBLAS (Linux) has kernels to choose from; skipped."
  exit 0
fi
release=${BENCH_SCRATCH:-.build}/release
output=${BENCH_OUTPUT:-$(mktemp -d "${TMPDIR:-/tmp}/kernel-bits.XXXXXX")}/kernel-bits
mkdir -p "$output"

# The kernels this CPU can run, from the oldest vectors to the widest.
cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
kernels=(Prescott)
[[ $cpu_flags == *" avx "* ]] && kernels+=(Sandybridge)
[[ $cpu_flags == *" avx2 "* && $cpu_flags == *" fma "* ]] && kernels+=(Haswell)
[[ $cpu_flags == *" avx512f "* && $cpu_flags == *" avx512vl "* && $cpu_flags == *" avx512bw "* && $cpu_flags == *" avx512dq "* ]] \
  && kernels+=(SkylakeX)

differing=0
for chapter in "${chapters[@]}"; do
  binary="$release/$chapter"
  [[ -x $binary ]] || { echo "kernel-bits: $binary missing; build first (swift build -c release)" >&2; exit 1; }
  # The kernel OpenBLAS (or the user's OPENBLAS_CORETYPE) picks; its name is in the speed line.
  # shellcheck disable=SC2086
  "$binary" $flags --plot none --output "$output/$chapter-default" >"$output/$chapter-default.log" 2>&1
  default=$(grep -oE 'kernel [A-Za-z0-9]+\)' "$output/$chapter-default.log" | tail -1 | tr -d ')' | cut -d' ' -f2 || true)
  for kernel in "${kernels[@]}"; do
    [[ $kernel == "$default" ]] && continue
    # shellcheck disable=SC2086
    OPENBLAS_CORETYPE=$kernel "$binary" $flags --plot none --output "$output/$chapter-$kernel" \
      >"$output/$chapter-$kernel.log" 2>&1
    different=()
    for file in "$output/$chapter-default"/*.dat; do
      name=$(basename "$file")
      cmp -s "$file" "$output/$chapter-$kernel/$name" || different+=("$name")
    done
    count=$(ls "$output/$chapter-default"/*.dat | wc -l)
    if [[ ${#different[@]} -eq 0 ]]; then
      printf 'kernel-bits %-22s %-11s vs %-11s same bits (%d .dat files)\n' "$chapter" "$kernel" "${default:-default}" "$count"
    else
      printf 'kernel-bits %-22s %-11s vs %-11s DIFFER: %s\n' "$chapter" "$kernel" "${default:-default}" "${different[*]}"
      differing=$((differing + 1))
    fi
  done
done
exit $((differing > 0))
