#!/usr/bin/env bash
# scripts/bench.sh — `make bench`: how fast the course runs, and how close
# that is to what this machine can do.
#
#   1. the benchmarks (Benchmarks/BookBenchmarks, package-benchmark): every
#      matrix-product shape, every layer, a training step, a Trainer epoch,
#      a hyperparameter trial;
#   2. two limits, measured in this run, before every chapter and after the
#      last (the best counts: on a shared machine a measurement that another
#      program slowed down would flatter the chapters):
#      - the large-DGEMM GFLOP/s (dgemm-peak), on the best BLAS kernel the
#        CPU supports: what the BLAS reaches at best;
#      - the fused-multiply-add peak (fma-peak, C, no BLAS) at the widest
#        vectors the CPU has (AVX-512, else AVX2/FMA): what the cores can do
#        at all, a yardstick no mis-chosen BLAS kernel can bend;
#   3. every chapter once at its full book budget (release build), timed:
#      wall seconds, peak memory, and the GFLOP/s it prints, if it prints one;
#   4. the peer: chapter 1's optimizer comparison on a shortened budget (200
#      iterations, MNIST loading included), in Swift and as the book's NumPy
#      code does it (Benchmarks/numpy-peer), with NumPy's default threads and
#      with one, taking turns for 3 rounds, each reported by its median;
#      NumPy is installed with pip if missing, the rows skipped without python3;
#      and beside them the floor (step-floor): the time the products of that
#      work alone take at this BLAS's speed for their small shapes;
#   5. whether the data files depend on the BLAS kernel (scripts/kernel-bits.sh:
#      every chapter with --quick on every kernel the CPU can run, and the
#      200-iteration optimizers on Prescott, compared byte for byte);
#   6. the package's clean build, release (what a first `make figures` pays)
#      and debug (a first `make test`), each in a fresh scratch folder,
#      package resolution included, without the benchmarks;
#   7. what the live view costs: one chapter at its full budget without it,
#      with `--plot live` drawing a text chart on a pseudo-terminal, and (with
#      Xvfb and a windowed gnuplot) in a window, in turn: wall and CPU seconds,
#      the chapter's own "live figure:" line, and whether the data files are
#      the same bytes;
# then one table.
#
# Usage: scripts/bench.sh [--no-benchmarks] [--no-peer] [--no-clean-build] [--no-live] [--live-only]
#                        [--live-chapter NAME] [--filter REGEX] [CHAPTER ...]
#   --no-benchmarks  skip step 1
#   --no-peer        skip steps 4 and 5
#   --no-clean-build skip step 6
#   --no-live        skip step 7
#   --live-only      run step 7 alone (the chapter must be built: swift build -c release)
#   --live-chapter NAME  the chapter of step 7 (default: optimizers)
#   --filter REGEX   run only the benchmarks whose whole name matches, e.g. 'GEMM.*'
#   CHAPTER ...      time only these chapters (default: every one that is built)
# Environment:
#   SWIFT            the swift command (default: swift)
#   PYTHON           the python command for the NumPy peer (default: python3)
#   BENCH_SCRATCH    the build folder (default: .build, where `make build` puts the chapters)
#   BENCH_PEER_ROUNDS how many turns each program of step 4 takes (default: 3)
#   BENCH_LIVE_ROUNDS how many turns each run of step 7 takes (default: 3)
#   BENCH_OUTPUT     where the chapters' figures and logs go (default: a fresh temporary folder,
#                    so the committed figures/ are not touched)
#
# The benchmark target, dgemm-peak, fma-peak and step-floor are only in the
# package with BOOK_BENCHMARKS=1 (see the end of Package.swift); this script sets it.
# Timings on a shared machine are noisy: run it twice before believing a change.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
scratch=(--scratch-path "${BENCH_SCRATCH:-.build}")
export BOOK_BENCHMARKS=1

run_benchmarks=true
run_peer=true
run_clean_build=true
run_chapters=true
run_live=true
live_chapter=optimizers
PYTHON=${PYTHON:-python3}
filter=()
chapters=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-benchmarks) run_benchmarks=false ;;
    --no-peer) run_peer=false ;;
    --no-clean-build) run_clean_build=false ;;
    --no-live) run_live=false ;;
    --live-only) run_benchmarks=false run_peer=false run_clean_build=false run_chapters=false run_live=true ;;
    --live-chapter)
      [[ $# -ge 2 && -n $2 ]] || { echo "error: --live-chapter needs a NAME (see scripts/bench.sh --help)" >&2; exit 2; }
      live_chapter=$2; shift ;;
    --filter)
      [[ $# -ge 2 && -n $2 ]] || { echo "error: --filter needs a REGEX (see scripts/bench.sh --help)" >&2; exit 2; }
      filter+=(--filter "$2"); shift ;;
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

# --- 2. The machine's limits -------------------------------------------------
if $run_chapters; then
  echo "=== Building dgemm-peak, fma-peak and step-floor, measuring the large-DGEMM and FMA limits ==="
  for tool in dgemm-peak fma-peak step-floor; do
    "$SWIFT" build "${scratch[@]}" -c release --product "$tool" >"$output/$tool-build.log" 2>&1 \
      || { cat "$output/$tool-build.log" >&2; exit 1; }
  done
fi
release=$("$SWIFT" build "${scratch[@]}" -c release --show-bin-path)
peak_binary="$release/dgemm-peak"
fma_binary="$release/fma-peak"

# Runs dgemm-peak and fma-peak once more and keeps the best GFLOP/s seen so
# far, on 1 thread and on all cores (their last line is the most threads).
peak_one=0
peak_all=0
fma_one=0
fma_all=0
best_of() {   # best_of TOOL-BINARY LOG → "one all" of this run
  "$1" 2>>"$2.stderr" | tee -a "$2" \
    | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^gflops=/) { split($i, kv, "="); v[++n] = kv[2] } }
           END { printf "%s %s\n", v[1], v[n] }'
}
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 > b + 0 ? a : b) }'; }
measure_peak() {
  $run_chapters || return 0
  local one all
  read -r one all < <(best_of "$peak_binary" "$output/dgemm-peak.log")
  peak_one=$(max "$peak_one" "$one"); peak_all=$(max "$peak_all" "$all")
  read -r one all < <(best_of "$fma_binary" "$output/fma-peak.log")
  fma_one=$(max "$fma_one" "$one"); fma_all=$(max "$fma_all" "$all")
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
$run_chapters || chapters=()
for chapter in ${chapters[@]+"${chapters[@]}"}; do
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
  # The optimizers chapter's own timing of the book's comparison (the race after it is extra).
  [[ $chapter == optimizers ]] && comparison_seconds=$(grep -oE 'iterations in [0-9.]+ s' "$log" | head -1 | awk '{ print $3 }' || true)
  results+=("$chapter $(printf '%.1f' "$seconds") $megabytes ${gflops:--} ok")
  grep -E 'GFLOP|Trained|Ran ' "$log" | tail -2 | sed 's/^/  /' || true
done

measure_peak

# --- 4. The peer: the book's NumPy code on the same work ---------------------
# Chapter 1 at 200 iterations (the four networks, MNIST loading included) in
# Swift and in NumPy, in this run. NumPy runs with its default threads and
# with one (OPENBLAS_NUM_THREADS=1 and friends); the rest of the environment
# (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE, …) is left as it is. The three
# programs take turns, BENCH_PEER_ROUNDS times (3 by default), and each is
# reported by its median: one run of NumPy with two threads on a shared
# 2-core machine varies by a third from the next.
peer_iterations=200
peer_rounds=${BENCH_PEER_ROUNDS:-3}
peer_rows=()
peer_note=""
wall() {   # wall LOG COMMAND… → seconds, or nothing if the command failed
  local seconds
  seconds=$( { time "${@:2}" >"$1" 2>&1; } 2>&1 ) || { echo "error: ${*:2} failed; see $1" >&2; return 0; }
  printf '%.2f' "$seconds"
}
median() {   # median SECONDS… → the middle value (the lower middle of an even count), or nothing
  [[ $# -gt 0 ]] || return 0
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
last() {   # last VALUE… → the last value, or "-" if there is none
  if [[ $# -gt 0 ]]; then printf '%s' "${@: -1}"; else printf -- '-'; fi
}
# Under `set -u`, bash 3.2 (macOS) calls an empty "${array[@]}" unbound: every array
# that may be empty is expanded as ${array[@]+"${array[@]}"}.
if $run_peer && [[ -x "$release/optimizers" ]]; then
  echo "=== The peer: optimizers at $peer_iterations iterations, Swift and the book's NumPy code, $peer_rounds rounds ==="
  numpy=""
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    peer_note="NumPy rows skipped: $PYTHON not found."
  else
    if ! "$PYTHON" -c 'import numpy' >/dev/null 2>&1; then
      echo "  installing NumPy: $PYTHON -m pip install numpy"
      "$PYTHON" -m pip install --quiet numpy >"$output/pip.log" 2>&1 || true
    fi
    if ! "$PYTHON" -c 'import numpy' >/dev/null 2>&1; then
      peer_note="NumPy rows skipped: NumPy is missing and '$PYTHON -m pip install numpy' failed (see $output/pip.log)."
    else
      numpy=$("$PYTHON" -c 'import numpy; print("NumPy " + numpy.__version__)')
    fi
  fi
  peer=(Benchmarks/numpy-peer/optimizer_compare.py --iterations "$peer_iterations")
  [[ -n ${MNIST_DIR:-} ]] || peer+=(--data-dir "${XDG_CACHE_HOME:-$HOME/.cache}/deep-learning-from-scratch-swift/mnist")
  swift_runs=() default_runs=() one_runs=()
  for ((round = 1; round <= peer_rounds; round++)); do
    seconds=$(wall "$output/peer-swift.log" "$release/optimizers" --iterations "$peer_iterations" --race-iterations 0 --plot none --output "$output/peer-swift")
    [[ -n $seconds ]] && swift_runs+=("$seconds")
    if [[ -n $numpy ]]; then
      seconds=$(wall "$output/peer-numpy-default.log" "$PYTHON" "${peer[@]}")
      [[ -n $seconds ]] && default_runs+=("$seconds")
      seconds=$(wall "$output/peer-numpy-1.log" env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
        "$PYTHON" "${peer[@]}")
      [[ -n $seconds ]] && one_runs+=("$seconds")
    fi
    swift_last=$(last ${swift_runs[@]+"${swift_runs[@]}"})
    default_last=$(last ${default_runs[@]+"${default_runs[@]}"})
    one_last=$(last ${one_runs[@]+"${one_runs[@]}"})
    echo "  round $round: Swift $swift_last s${numpy:+, NumPy default threads $default_last s, 1 thread $one_last s}"
  done
  # The floor: the products of the same 4 networks × $peer_iterations iterations alone, at this BLAS's
  # speed for their shapes, one network per core at a time.
  "$release/step-floor" --iterations "$peer_iterations" >"$output/step-floor.log" 2>&1 || true
  floor_seconds=$(grep -oE 'seconds=[0-9.]+$' "$output/step-floor.log" | tail -1 | cut -d= -f2 || true)
  swift_seconds=$(median ${swift_runs[@]+"${swift_runs[@]}"})
  swift_blas=$(grep -oE '\(.*kernel [^)]*\)' "$output/peer-swift.log" | tail -1 | tr -d '()' || true)
  peer_rows+=("Swift (this course)|${swift_seconds:--}|${swift_runs[*]+"${swift_runs[*]}"}|${swift_blas:--}")
  if [[ -n $numpy ]]; then
    default_seconds=$(median ${default_runs[@]+"${default_runs[@]}"})
    one_seconds=$(median ${one_runs[@]+"${one_runs[@]}"})
    peer_rows+=("the book's NumPy code, default threads|${default_seconds:--}|${default_runs[*]+"${default_runs[*]}"}|$numpy")
    peer_rows+=("the book's NumPy code, 1 thread|${one_seconds:--}|${one_runs[*]+"${one_runs[*]}"}|$numpy")
  fi
fi

# --- 5. Do the data files depend on the BLAS kernel? ------------------------
# kernel-bits.sh prints one line per comparison: "same bits", "DIFFER: files",
# or "FAILED (…)" for a run that failed (its comparisons are then missing).
bits_lines=()
if $run_peer && [[ $(uname) == Linux && -x "$release/optimizers" ]]; then
  echo "=== Do the data files depend on the BLAS kernel? (scripts/kernel-bits.sh) ==="
  BENCH_SCRATCH="${BENCH_SCRATCH:-.build}" BENCH_OUTPUT="$output" scripts/kernel-bits.sh >"$output/kernel-bits.log" 2>&1 || true
  same=$(grep -c 'same bits' "$output/kernel-bits.log" || true)
  differ=$(grep -c 'DIFFER' "$output/kernel-bits.log" || true)
  failed=$(grep -c 'FAILED' "$output/kernel-bits.log" || true)
  bits_lines+=("--quick, every chapter, every kernel the CPU can run: $same comparisons with the same bits, $differ differing, $failed failed runs")
  grep -E 'DIFFER|FAILED' "$output/kernel-bits.log" | sed 's/^kernel-bits /  /' >&2 || true
  # The peer's work (optimizers at $peer_iterations iterations) on the oldest kernel against the one OpenBLAS picks;
  # in a folder of its own, apart from the --quick runs.
  long_log="$output/kernel-bits-$peer_iterations.log"
  BENCH_SCRATCH="${BENCH_SCRATCH:-.build}" BENCH_OUTPUT="$output/iterations-$peer_iterations" scripts/kernel-bits.sh \
    --kernels Prescott --flags "--iterations $peer_iterations --race-iterations 0" optimizers >"$long_log" 2>&1 || true
  long="optimizers --iterations $peer_iterations"
  if line=$(grep -E '^kernel-bits .*(same bits|DIFFER)' "$long_log" | tail -1); then
    default_kernel=$(awk '{ print $5 }' <<<"$line")
    if [[ $line == *DIFFER* ]]; then
      bits_lines+=("$long, Prescott vs $default_kernel: DIFFER in ${line#*DIFFER: }")
    else
      bits_lines+=("$long, Prescott vs $default_kernel: the same bits in every .dat file")
    fi
  elif grep -q FAILED "$long_log"; then
    bits_lines+=("$long, Prescott: FAILED, not compared (see $long_log)")
    grep FAILED "$long_log" | sed 's/^kernel-bits /  /' >&2 || true
  else
    bits_lines+=("$long: OpenBLAS picks Prescott itself here, nothing to compare")
  fi
fi

# --- 6. The package's clean build --------------------------------------------
# Each in a fresh scratch folder (removed afterwards), resolution included, with
# the environment a plain `make figures` or `make test` has: no BOOK_BENCHMARKS.
clean_rows=()
if $run_clean_build; then
  echo "=== The package's clean build: release, then debug, each in a fresh scratch folder ==="
  for config in release debug; do
    clean_scratch=$(mktemp -d "${TMPDIR:-/tmp}/course-cleanbuild.XXXXXX")
    clean_log="$output/clean-build-$config.log"
    status=0
    seconds=$( { time env -u BOOK_BENCHMARKS "$SWIFT" build -c "$config" --scratch-path "$clean_scratch" >"$clean_log" 2>&1; } 2>&1 ) \
      || status=$?
    rm -rf "$clean_scratch"
    if [[ $status -ne 0 ]]; then
      echo "error: the clean $config build failed; see $clean_log" >&2
      clean_rows+=("$config -")
    else
      clean_rows+=("$config $(printf '%.1f' "$seconds")")
    fi
  done
fi

# --- 7. What the live view costs ---------------------------------------------
# One chapter (optimizers unless --live-chapter) at its full budget, in turns,
# BENCH_LIVE_ROUNDS times (3 by default): without a live view (its default,
# --plot files), with --plot live on a terminal, and with --plot live in a
# window (under Xvfb, if Xvfb and a windowed gnuplot are installed). Each runs
# on a pseudo-terminal of 80 × 24 (util-linux's script), so that the text
# chart really draws, and only the window run has a DISPLAY. Wall and CPU
# seconds (user + system, gnuplot's included) from bash's `time`, each
# variant by its median; the chapter's own "live figure:" line, which times
# the drawing itself; and whether the data files of the runs are the same bytes.
live_rows=()
live_lines=()
live_bits=()
live_note=""
live_system=""
if $run_live; then
  live_binary="$release/$live_chapter"
  if [[ ! -x $live_binary ]]; then
    live_note="The live view's cost: $live_chapter is not built ($live_binary missing), skipped."
  elif ! command -v script >/dev/null 2>&1 || ! script -qec true /dev/null </dev/null >/dev/null 2>&1; then
    live_note="The live view's cost: skipped, no util-linux script to give the chapter a pseudo-terminal (Debian: bsdutils)."
  else
    live_variants=(files text)
    xvfb_pid=""
    if command -v Xvfb >/dev/null 2>&1 && gnuplot -e 'print GPVAL_TERMINALS' 2>&1 | grep -qwE 'x11|qt|wxt'; then
      Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$output/live-xvfb.display" 2>"$output/live-xvfb.log" &
      xvfb_pid=$!
      trap '[[ -n ${xvfb_pid:-} ]] && kill "$xvfb_pid" 2>/dev/null || true' EXIT
      for _ in $(seq 100); do [[ -s $output/live-xvfb.display ]] && break; sleep 0.1; done
      if [[ -s $output/live-xvfb.display ]]; then
        live_display=:$(tr -d '[:space:]' <"$output/live-xvfb.display")
        live_variants+=(window)
      else
        live_note="No window run: Xvfb gave no display (see $output/live-xvfb.log)."
      fi
    else
      live_note="No window run: it needs Xvfb (Debian: xvfb) and a windowed gnuplot (gnuplot-x11)."
    fi
    live_rounds=${BENCH_LIVE_ROUNDS:-3}
    live_system="Linux $(uname -r); load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    echo "=== The live view's cost: $live_chapter at its full budget, ${live_variants[*]}, $live_rounds rounds in turn ==="
    for ((round = 1; round <= live_rounds; round++)); do
      summary="  round $round:"
      for variant in "${live_variants[@]}"; do
        folder="$output/live-$variant-$round"
        run=("$live_binary" --output "$folder")
        environment=(env -u DISPLAY)
        case $variant in
          text) run+=(--plot live) ;;
          window) run+=(--plot live); environment=(env DISPLAY="$live_display") ;;
        esac
        inner="stty cols 80 rows 24; exec $(printf '%q ' "${environment[@]}" "${run[@]}")"
        log="$output/live-$variant-$round.log"
        TIMEFORMAT='%R %U %S'
        status=0
        times=$( { time script -qefc "$inner" /dev/null </dev/null >"$log" 2>&1; } 2>&1 ) || status=$?
        TIMEFORMAT=%R
        if [[ $status -ne 0 ]]; then
          echo "error: $live_chapter (${variant}) exited with status $status; see $log" >&2
          failures=$((failures + 1))
          continue
        fi
        read -r wall user system <<<"$times"
        cpu_seconds=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
        # live_walls_VARIANT and live_cpus_VARIANT: every round's seconds (no associative arrays in bash 3.2).
        walls="live_walls_$variant" cpus="live_cpus_$variant"
        printf -v "$walls" '%s%s ' "${!walls:-}" "$wall"
        printf -v "$cpus" '%s%s ' "${!cpus:-}" "$cpu_seconds"
        summary+=" $variant $wall s ($cpu_seconds s CPU);"
        # The chapter's own line (after the text chart's escape sequences, on the same line).
        line=$(tr '\r' '\n' <"$log" | grep -aoE 'live figure: .*' | tail -1 || true)
        [[ -n $line ]] && live_lines+=("$variant, round $round: $line")
        # The data files against those of the first run without the live view.
        if [[ $variant != files || $round -gt 1 ]] && [[ -d $output/live-files-1 ]]; then
          differ=() count=0
          while IFS= read -r file; do
            count=$((count + 1))
            cmp -s "$output/live-files-1/$file" "$folder/$file" || differ+=("$file")
          done < <(cd "$output/live-files-1" && find . -name '*.dat' | sort)
          extra=$(comm -13 <(cd "$output/live-files-1" && find . -name '*.dat' | sort) <(cd "$folder" && find . -name '*.dat' | sort) | wc -l)
          if [[ ${#differ[@]} -eq 0 && $extra -eq 0 && $count -gt 0 ]]; then
            live_bits+=("$variant, round $round: the same bytes in all $count .dat files")
          else
            live_bits+=("$variant, round $round: DIFFER (${differ[*]:-}; $extra files only here, of $count)")
          fi
        fi
      done
      echo "$summary"
    done
    live_system+=", after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; xvfb_pid=""; fi
    for variant in "${live_variants[@]}"; do
      walls="live_walls_$variant" cpus="live_cpus_$variant"
      # shellcheck disable=SC2086  # the rounds' seconds, one word each
      live_rows+=("$variant|$(median ${!walls:-})|$(median ${!cpus:-})|${!walls:-}|${!cpus:-}")
    done
  fi
fi

# --- The table ---------------------------------------------------------------
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
cpu=$(lscpu 2>/dev/null | awk -F: '/^Model name/ { sub(/^ +/, "", $2); print $2; exit }' || true)
[[ -n $cpu ]] || cpu=$(sysctl -n machdep.cpu.brand_string 2>/dev/null || echo "unknown CPU")
if [[ -r /proc/cpuinfo ]]; then
  family=$(awk -F: '/^cpu family/ { gsub(/ /, "", $2); print $2; exit }' /proc/cpuinfo)
  model=$(awk -F: '/^model[ \t]*:/ { gsub(/ /, "", $2); print $2; exit }' /proc/cpuinfo)
  cpu="$cpu (family $family, model $model)"
fi
if $run_chapters; then
  blas=$(sed -n 's/^dgemm-peak blas=//p' "$output/dgemm-peak.log" | tail -1)
  isa=$(grep -oE 'isa=[a-z0-9]+' "$output/fma-peak.log" | tail -1 | cut -d= -f2)
  echo
  echo "CPU: $cpu, $cores cores. BLAS: ${blas:-unknown} (the kernel every chapter ran with; see its speed line)."
  echo "Large DGEMM (2000×2000, through Matrix.product), best of this run: ${peak_one} GFLOP/s on 1 thread, ${peak_all} GFLOP/s on all ${cores} cores."
  echo "FMA peak (fma-peak, ${isa:-?}, no BLAS), best of this run: ${fma_one} GFLOP/s on 1 thread, ${fma_all} GFLOP/s on all ${cores} cores."
  echo "Targets: the book's optimizer comparison ≤ 15 s; every chapter that prints GFLOP/s ≥ 55 % of the DGEMM on all cores;"
  echo "         every chapter < 60 s and < 300 MB; all chapters together (make figures, Going further included) < 240 s;"
  echo "         optimizers ≥ 3× faster than the book's NumPy code (default threads); a clean build ≤ 45 s, release and debug."
  echo
  printf '%-24s %9s %12s %9s %10s %10s  %s\n' "chapter" "wall s" "peak MB" "GFLOP/s" "% DGEMM" "% FMA" "targets"
  total=0
  for row in ${results[@]+"${results[@]}"}; do
    read -r chapter seconds megabytes gflops status <<<"$row"
    if [[ $status != ok ]]; then
      printf '%-24s %9s %12s %9s %10s %10s  %s\n' "$chapter" - - - - - "$status"
      continue
    fi
    total=$(awk -v a="$total" -v b="$seconds" 'BEGIN { print a + b }')
    percent=-
    fma_percent=-
    if [[ $gflops != - ]]; then
      percent=$(awk -v g="$gflops" -v p="$peak_all" 'BEGIN { printf "%.0f %%", 100 * g / p }')
      fma_percent=$(awk -v g="$gflops" -v p="$fma_all" 'BEGIN { printf "%.0f %%", 100 * g / p }')
    fi
    verdict=$(awk -v c="$chapter" -v s="$seconds" -v m="$megabytes" -v g="$gflops" -v p="$peak_all" -v b="${comparison_seconds:-}" 'BEGIN {
        missed = ""
        if (s + 0 > 60) missed = missed " time>60s"
        if (c == "optimizers" && (b == "" || b + 0 > 15)) missed = missed " comparison>15s"
        if (m != "-" && m + 0 >= 300) missed = missed " memory≥300MB"
        if (g != "-" && g / p < 0.55) missed = missed " <55%"
        print (missed == "" ? "met" : "MISSED:" missed) }')
    printf '%-24s %9s %12s %9s %10s %10s  %s\n' "$chapter" "$seconds" "$megabytes" "$gflops" "$percent" "$fma_percent" "$verdict"
  done
  printf '%-24s %9s %12s %9s %10s %10s  %s\n' "all chapters" "$total" "" "" "" "" \
    "$(awk -v t="$total" 'BEGIN { print (t <= 240 ? "met" : "MISSED: >240s") }')"
  for row in ${clean_rows[@]+"${clean_rows[@]}"}; do
    read -r config seconds <<<"$row"
    verdict=$(awk -v s="$seconds" 'BEGIN { print (s == "-" ? "failed" : s + 0 <= 45 ? "met" : "MISSED: >45s") }')
    label="clean build, $config"
    printf '%-24s %9s %12s %9s %10s %10s  %s\n' "$label" "$seconds" "" "" "" "" "$verdict"
  done
  [[ ${#clean_rows[@]} -gt 0 ]] && echo "(clean build: the package in a fresh scratch folder, resolution included; release is what a first make figures builds, debug a first make test)"
  if [[ -n ${comparison_seconds:-} ]]; then
    echo "(optimizers: the book's comparison took $comparison_seconds s of its wall time; the learning-rate race the rest)"
  fi
fi

if [[ ${#peer_rows[@]} -gt 0 ]]; then
  echo
  echo "The optimizer comparison at $peer_iterations iterations (4 networks, MNIST loading included), median of $peer_rounds rounds in turn:"
  printf '%-40s %9s %9s  %-20s  %s\n' "program" "wall s" "× Swift" "every round, s" "BLAS"
  for row in ${peer_rows[@]+"${peer_rows[@]}"}; do
    IFS='|' read -r name seconds runs library <<<"$row"
    ratio=$(awk -v s="$seconds" -v r="${swift_seconds:-}" 'BEGIN { if (s + 0 > 0 && r + 0 > 0) printf "%.1f", s / r; else print "-" }')
    printf '%-40s %9s %9s  %-20s  %s\n' "$name" "$seconds" "$ratio" "$runs" "$library"
  done
  if [[ -n ${default_seconds:-} && -n ${swift_seconds:-} ]]; then
    awk -v n="$default_seconds" -v s="$swift_seconds" 'BEGIN {
        printf "Swift is %.1f× faster than the book'"'"'s NumPy code with default threads (medians): %s\n", n / s, (n / s >= 3 ? "met (≥ 3×)" : "MISSED (< 3×)") }'
  fi
  if [[ -n ${floor_seconds:-} && -n ${swift_seconds:-} ]]; then
    awk -v f="$floor_seconds" -v s="$swift_seconds" -v n="${default_seconds:-}" -v steps="$((4 * peer_iterations))" 'BEGIN {
        printf "The products alone of those %d steps (step-floor: each shape timed on 1 thread, one network per core): %.2f s,\n", steps, f
        printf "  %.0f %% of the Swift run; the rest is start-up, loading MNIST and the element-wise work.", 100 * f / s
        if (n + 0 > 0) printf " A program doing nothing but\n  these products would be %.1f× faster than the NumPy code.", n / f
        printf "\n" }'
  fi
fi
[[ -n $peer_note ]] && echo "$peer_note"
if [[ ${#bits_lines[@]} -gt 0 ]]; then
  echo
  echo "Data files across BLAS kernels (.dat files compared with cmp):"
  for line in ${bits_lines[@]+"${bits_lines[@]}"}; do echo "  $line"; done
fi
if [[ ${#live_rows[@]} -gt 0 ]]; then
  echo
  echo "The live view's cost: $live_chapter at its full budget, median of $live_rounds rounds in turn, on an 80 × 24 pseudo-terminal"
  echo "($cpu, $cores cores; $live_system):"
  printf '%-34s %8s %8s %8s %8s  %s\n' "run" "wall s" "Δ wall" "CPU s" "Δ CPU" "every round: wall s / CPU s"
  base_wall="" base_cpu=""
  for row in "${live_rows[@]}"; do
    IFS='|' read -r variant wall cpu_seconds walls cpus <<<"$row"
    case $variant in
      files) name="without (--plot files)"; base_wall=$wall; base_cpu=$cpu_seconds ;;
      text) name="--plot live, text chart" ;;
      window) name="--plot live, window (Xvfb)" ;;
    esac
    delta() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b + 0 <= 0) print "-"; else printf "%+.1f %%", 100 * (a - b) / b }'; }
    if [[ $variant == files ]]; then dw=- dc=-; else dw=$(delta "$wall" "$base_wall"); dc=$(delta "$cpu_seconds" "$base_cpu"); fi
    printf '%-34s %8s %8s %8s %8s  %s / %s\n' "$name" "${wall:--}" "$dw" "${cpu_seconds:--}" "$dc" "${walls% }" "${cpus% }"
  done
  echo "The chapter's own account of its drawing (CPU here and gnuplot's, against the run it drew; target < 1 %):"
  for line in ${live_lines[@]+"${live_lines[@]}"}; do echo "  $line"; done
  echo "Data files (.dat, with cmp, against the first run without the live view):"
  for line in ${live_bits[@]+"${live_bits[@]}"}; do echo "  $line"; done
fi
if [[ -n $live_note ]]; then echo "$live_note"; fi
echo
echo "Logs and figures: $output (timings on a shared machine are noisy)"
if [[ $failures -gt 0 ]]; then
  echo "error: $failures chapter(s) failed; see their logs above." >&2
  exit 1
fi
