#!/usr/bin/env bash
# scripts/kernel-bits.sh — do the data files depend on the BLAS kernel?
#
# OpenBLAS ships one kernel per CPU family (Prescott, Haswell, SkylakeX, …) and
# picks one at load time; OPENBLAS_CORETYPE overrides it. This runs every
# chapter (or the ones named) with --quick once on the kernel it picks by
# itself and once on each other kernel this CPU can run, and compares every
# .dat file byte for byte with `cmp`. It prints one line per chapter and
# kernel, "same bits" or the files that differ; a run that fails (or is not
# built, or writes no .dat file) gets a line saying FAILED and its log, and the
# rest still run. It exits 1 if any file differs or any run failed.
# `make bench` runs it; the Speed article's statement rests on it.
#
# Usage: scripts/kernel-bits.sh [--flags "FLAGS"] [--kernels "KERNELS"] [CHAPTER ...]
#   --flags    the chapters' flags (default: --quick)
#   --kernels  compare only against these kernels, e.g. "Prescott" (default: every one this CPU can run)
# Environment: BENCH_SCRATCH (default .build; the release build is used), BENCH_OUTPUT
#   (the runs go to $BENCH_OUTPUT/kernel-bits; default: a fresh temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."

flags="--quick"
wanted=""
chapters=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --flags)
      [[ $# -ge 2 ]] || { echo "error: --flags needs a value, e.g. --flags \"--quick\" (see scripts/kernel-bits.sh --help)" >&2; exit 2; }
      flags=$2; shift ;;
    --kernels)
      [[ $# -ge 2 && -n $2 ]] || { echo "error: --kernels needs a list, e.g. --kernels Prescott (see scripts/kernel-bits.sh --help)" >&2; exit 2; }
      wanted=$2; shift ;;
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
# --kernels: only the named ones, and only those this CPU can run.
if [[ -n $wanted ]]; then
  runnable="${kernels[*]}"
  kernels=()
  for kernel in $wanted; do
    if [[ " $runnable " == *" $kernel "* ]]; then kernels+=("$kernel")
    else echo "kernel-bits: $kernel skipped: not a kernel this CPU can run ($runnable)" >&2
    fi
  done
fi

differing=0
failed=0
fail() {   # fail CHAPTER KERNEL WHY → the FAILED line, counted
  printf 'kernel-bits %-22s %-11s FAILED (%s)\n' "$1" "$2" "$3"
  failed=$((failed + 1))
}
run() {   # run CHAPTER KERNEL BINARY [VAR=VALUE …] → runs the chapter into $output/CHAPTER-KERNEL; false if it failed
  local chapter=$1 kernel=$2 binary=$3 status=0
  shift 3
  # shellcheck disable=SC2086
  env "$@" "$binary" $flags --plot none --output "$output/$chapter-$kernel" >"$output/$chapter-$kernel.log" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    fail "$chapter" "$kernel" "exit status $status; see $output/$chapter-$kernel.log"
    return 1
  fi
}
for chapter in "${chapters[@]}"; do
  binary="$release/$chapter"
  if [[ ! -x $binary ]]; then
    fail "$chapter" default "$binary missing; build first (swift build -c release)"
    continue
  fi
  # The kernel OpenBLAS (or the user's OPENBLAS_CORETYPE) picks; its name is in the speed line.
  run "$chapter" default "$binary" || continue
  default=$(grep -oE 'kernel [A-Za-z0-9]+\)' "$output/$chapter-default.log" | tail -1 | tr -d ')' | cut -d' ' -f2 || true)
  files=()
  for file in "$output/$chapter-default"/*.dat; do
    if [[ -e $file ]]; then files+=("$(basename "$file")"); fi
  done
  if [[ ${#files[@]} -eq 0 ]]; then
    fail "$chapter" default "no .dat files in $output/$chapter-default; see $output/$chapter-default.log"
    continue
  fi
  for kernel in ${kernels[@]+"${kernels[@]}"}; do
    [[ $kernel == "$default" ]] && continue
    run "$chapter" "$kernel" "$binary" OPENBLAS_CORETYPE="$kernel" || continue
    different=()
    for name in "${files[@]}"; do
      cmp -s "$output/$chapter-default/$name" "$output/$chapter-$kernel/$name" || different+=("$name")
    done
    if [[ ${#different[@]} -eq 0 ]]; then
      printf 'kernel-bits %-22s %-11s vs %-11s same bits (%d .dat files)\n' "$chapter" "$kernel" "${default:-default}" "${#files[@]}"
    else
      printf 'kernel-bits %-22s %-11s vs %-11s DIFFER: %s\n' "$chapter" "$kernel" "${default:-default}" "${different[*]}"
      differing=$((differing + 1))
    fi
  done
done
# Lower case: bench.sh counts the lines that say FAILED.
[[ $failed -eq 0 ]] || echo "kernel-bits: $failed run(s) failed; the comparisons above are incomplete." >&2
exit $((differing > 0 || failed > 0))
