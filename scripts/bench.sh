#!/usr/bin/env bash
# scripts/bench.sh — `make bench`: how fast the course runs, and how close
# that is to what this machine can do.
#
#   1. the benchmarks (Benchmarks/BookBenchmarks, package-benchmark): every
#      matrix-product shape, every layer, a training step, a Trainer epoch,
#      a hyperparameter trial;
#   2. the machine's large-DGEMM GFLOP/s (dgemm-peak), measured in this run,
#      before every chapter and after the last (the best counts: on a shared
#      machine a measurement that another program slowed down would flatter
#      the chapters);
#   3. every chapter once at its full book budget (release build), timed:
#      wall seconds, peak memory, and the GFLOP/s it prints, if it prints one;
# then one table.
#
# Usage: scripts/bench.sh [--no-benchmarks] [--filter REGEX] [CHAPTER ...]
#   --no-benchmarks  skip step 1
#   --filter REGEX   run only the benchmarks whose whole name matches, e.g. 'GEMM.*'
#   CHAPTER ...      time only these chapters (default: every one that is built)
# Environment:
#   SWIFT            the swift command (default: swift)
#   BENCH_SCRATCH    the build folder (default: .build, where `make build` puts the chapters)
#   BENCH_OUTPUT     where the chapters' figures and logs go (default: a fresh temporary folder,
#                    so the committed figures/ are not touched)
#
# The benchmark target and dgemm-peak are only in the package with
# BOOK_BENCHMARKS=1 (see the end of Package.swift); this script sets it.
# Timings on a shared machine are noisy: run it twice before believing a change.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
scratch=(--scratch-path "${BENCH_SCRATCH:-.build}")
export BOOK_BENCHMARKS=1

run_benchmarks=true
filter=()
chapters=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-benchmarks) run_benchmarks=false ;;
    --filter) filter+=(--filter "$2"); shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: unknown option $1 (see scripts/bench.sh --help)" >&2; exit 2 ;;
    *) chapters+=("$1") ;;
  esac
  shift
done
# The chapters in reading order, named after their folders (01-optimizers → optimizers), as the Makefile does.
if [[ ${#chapters[@]} -eq 0 ]]; then
  while read -r chapter; do chapters+=("$chapter"); done < <(ls Chapters | sort | sed 's/^[0-9]*-//')
fi

output=${BENCH_OUTPUT:-$(mktemp -d "${TMPDIR:-/tmp}/course-bench.XXXXXX")}
mkdir -p "$output"

# --- 1. Benchmarks -----------------------------------------------------------
# The full tables (every metric, every percentile) go to $output/benchmarks.md;
# the screen gets one line per benchmark: its median time, throughput and GFLOP/s.
if $run_benchmarks; then
  echo "=== Benchmarks (BookBenchmarks): building and running them, a few minutes the first time ==="
  "$SWIFT" package "${scratch[@]}" benchmark --target BookBenchmarks --no-progress \
      --format markdown --path stdout ${filter[@]+"${filter[@]}"} >"$output/benchmarks.md" \
    || { tail -30 "$output/benchmarks.md" >&2; exit 1; }
  printf '%11s %11s %8s   %s\n' "time (ms)" "per second" "GFLOP/s" "benchmark (medians; BLAS on 1 thread unless named)"
  awk -F'|' '
    function show() { if (name != "") printf "%11s %11s %8s   %s\n", time, rate, gflops, name }
    /^### / { show(); name = substr($0, 5); time = rate = gflops = "-"; next }
    /^\| Time \(wall clock\)/ { gsub(/ /, "", $5); milliseconds = $5
                                 if ($2 ~ /\(ns\)/) milliseconds /= 1e6; else if ($2 ~ /\(ms\)/) ; else if ($2 ~ /\(s\)/) milliseconds *= 1e3
                                 else milliseconds /= 1e3   # microseconds
                                 time = sprintf("%.3f", milliseconds); next }
    /^\| Throughput/ { scale = ($2 ~ /\(K\)/) ? "K" : ($2 ~ /\(M\)/) ? "M" : ""; gsub(/ /, "", $5); rate = $5 scale; next }
    /^\| FLOP\/s/ { gsub(/ /, "", $5); gflops = sprintf("%.1f", $5 / 1000); next }
    END { show() }' "$output/benchmarks.md"
fi

# --- 2. The machine's limit --------------------------------------------------
echo "=== Building dgemm-peak and measuring the large-DGEMM limit ==="
"$SWIFT" build "${scratch[@]}" -c release --product dgemm-peak >"$output/dgemm-peak-build.log" 2>&1 \
  || { cat "$output/dgemm-peak-build.log" >&2; exit 1; }
release=$("$SWIFT" build "${scratch[@]}" -c release --show-bin-path)
peak_binary="$release/dgemm-peak"

# Runs dgemm-peak once more and keeps the best GFLOP/s seen so far, on 1
# thread and on all cores (its last line is the most threads).
peak_one=0
peak_all=0
measure_peak() {
  local one all
  read -r one all < <("$peak_binary" | tee -a "$output/dgemm-peak.log" \
    | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^gflops=/) { split($i, kv, "="); v[++n] = kv[2] } }
           END { printf "%s %s\n", v[1], v[n] }')
  peak_one=$(awk -v a="$peak_one" -v b="$one" 'BEGIN { print (a > b ? a : b) }')
  peak_all=$(awk -v a="$peak_all" -v b="$all" 'BEGIN { print (a > b ? a : b) }')
}

# --- 3. The chapters ---------------------------------------------------------
# Wall seconds from bash's `time`; peak memory from GNU time (KB) or BSD time
# (macOS, bytes, printed into the log); without either, no memory column.
timer=()
if /usr/bin/time -f %M true >/dev/null 2>&1; then timer=(gnu)
elif /usr/bin/time -l true >/dev/null 2>&1; then timer=(bsd)
fi
TIMEFORMAT=%R

results=()
failures=0
for chapter in "${chapters[@]}"; do
  binary="$release/$chapter"
  if [[ ! -x "$binary" ]]; then
    echo "=== $chapter: not built ($binary missing), skipped ==="
    results+=("$chapter - - - skipped")
    continue
  fi
  measure_peak
  echo "=== $chapter (full budget; figures in $output/$chapter) ==="
  log="$output/$chapter.log"
  usage="$output/$chapter.memory"
  command=("$binary" --output "$output/$chapter")
  case "${timer[0]:-}" in
    gnu) command=(/usr/bin/time -f %M -o "$usage" "${command[@]}") ;;
    bsd) command=(/usr/bin/time -l "${command[@]}") ;;
  esac
  status=0
  seconds=$( { time "${command[@]}" >"$log" 2>&1; } 2>&1 ) || status=$?
  if [[ $status -ne 0 ]]; then
    echo "error: $chapter exited with status $status; the end of its log ($log):" >&2
    tail -20 "$log" >&2
    results+=("$chapter - - - failed")
    failures=$((failures + 1))
    continue
  fi
  megabytes=-
  case "${timer[0]:-}" in
    gnu) megabytes=$(awk 'END { printf "%.0f", $1 / 1024 }' "$usage") ;;
    bsd) megabytes=$(awk '/maximum resident set size/ { printf "%.0f", $1 / 1048576 }' "$log") ;;
  esac
  # The last "<number> GFLOP/s" the chapter prints, if any.
  gflops=$(grep -oE '[0-9]+(\.[0-9]+)? GFLOP/s' "$log" | tail -1 | awk '{ print $1 }' || true)
  results+=("$chapter $(printf '%.1f' "$seconds") $megabytes ${gflops:--} ok")
  grep -E 'GFLOP|Trained|Ran ' "$log" | tail -2 | sed 's/^/  /' || true
done

measure_peak

# --- The table ---------------------------------------------------------------
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
echo
echo "Large DGEMM (2000×2000, through Matrix.product), best of this run: ${peak_one} GFLOP/s on 1 thread, ${peak_all} GFLOP/s on all ${cores} cores (the limit)."
echo "Targets (issue 7): optimizers ≤ 15 s and ≥ 60 % of the limit; every chapter < 60 s and < 300 MB."
echo
printf '%-24s %9s %12s %9s %10s  %s\n' "chapter" "wall s" "peak MB" "GFLOP/s" "% of peak" "targets"
for row in "${results[@]}"; do
  read -r chapter seconds megabytes gflops status <<<"$row"
  if [[ $status != ok ]]; then
    printf '%-24s %9s %12s %9s %10s  %s\n' "$chapter" - - - - "$status"
    continue
  fi
  percent=-
  [[ $gflops != - ]] && percent=$(awk -v g="$gflops" -v p="$peak_all" 'BEGIN { printf "%.0f %%", 100 * g / p }')
  verdict=$(awk -v c="$chapter" -v s="$seconds" -v m="$megabytes" -v g="$gflops" -v p="$peak_all" 'BEGIN {
      limit = (c == "optimizers") ? 15 : 60; missed = ""
      if (s + 0 > limit) missed = missed " time>" limit "s"
      if (m != "-" && m + 0 >= 300) missed = missed " memory≥300MB"
      if (c == "optimizers" && g != "-" && g / p < 0.6) missed = missed " <60%"
      print (missed == "" ? "met" : "MISSED:" missed) }')
  printf '%-24s %9s %12s %9s %10s  %s\n' "$chapter" "$seconds" "$megabytes" "$gflops" "$percent" "$verdict"
done
echo
echo "Logs and figures: $output (timings on a shared machine are noisy)"
if [[ $failures -gt 0 ]]; then
  echo "error: $failures chapter(s) failed; see their logs above." >&2
  exit 1
fi
