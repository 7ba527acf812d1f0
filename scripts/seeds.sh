#!/usr/bin/env bash
# make seeds: every chapter at its full budget at five seeds, then each
# chapter's findings at every seed (figures/<chapter>/seeds.txt) and its
# seed-band figure.
#
#   scripts/seeds.sh                      train all six chapters at seeds 1-5, then collect
#   scripts/seeds.sh --chapters "dropout weight-decay"
#   scripts/seeds.sh --collect-only       only the last step, from the runs already in the scratch folder
#   scripts/seeds.sh --scratch DIR        where the runs go (default experiments/seeds; git ignores it)
#
# Each run writes into DIR/<chapter>/.seed-N.partial and is renamed to
# DIR/<chapter>/seed-N only when the chapter exits 0, so a failed or
# interrupted run never passes for a finished one. The chapters' own output
# goes to DIR/<chapter>/seed-N.log; the terminal gets one line per run.
set -euo pipefail
cd "$(dirname "$0")/.."

SEEDS=(1 2 3 4 5)
# The chapter binaries (make seeds builds them in .build/release).
bin=${CHAPTER_BIN:-.build/release}
scratch=experiments/seeds
chapters=$(ls Chapters | sort | sed 's/^[0-9]*-//')
collect_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --chapters) chapters=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --collect-only) collect_only=1; shift ;;
    -h|--help) sed -n 2,15p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument $1 (see scripts/seeds.sh --help)" >&2; exit 2 ;;
  esac
done
for chapter in $chapters; do
  [[ -x $bin/$chapter ]] || { echo "error: no chapter '$chapter' in $bin (run make build; chapters: $(ls Chapters | sed 's/^[0-9]*-//' | tr '\n' ' '))" >&2; exit 2; }
done

clock() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
start=$(date +%s)
if [[ $collect_only -eq 0 ]]; then
  total=$(($(wc -w <<<"$chapters") * ${#SEEDS[@]}))
  done_runs=0
  echo "make seeds: $total runs (${chapters//$'\n'/ } at seeds ${SEEDS[*]}) into $scratch; about 12 minutes on 2 idle cores."
  for chapter in $chapters; do
    mkdir -p "$scratch/$chapter"
    for seed in "${SEEDS[@]}"; do
      partial="$scratch/$chapter/.seed-$seed.partial"
      final="$scratch/$chapter/seed-$seed"
      log="$scratch/$chapter/seed-$seed.log"
      rm -rf "$partial"
      run_start=$(date +%s%N)
      if ! $bin/$chapter --seed "$seed" --output "$partial" --plot none >"$log" 2>&1; then
        echo "error: $chapter at seed $seed failed; its output is in $log (last lines below)" >&2
        tail -5 "$log" >&2
        exit 1
      fi
      rm -rf "$final"
      mv "$partial" "$final"
      done_runs=$((done_runs + 1))
      now=$(date +%s)
      elapsed=$((now - start))
      left=$((elapsed * (total - done_runs) / done_runs))
      tenths=$((($(date +%s%N) - run_start) / 100000000))
      printf '[%2d/%d] %-22s seed %s  %4d.%d s   (elapsed %s, about %s left)\n' \
        "$done_runs" "$total" "$chapter" "$seed" $((tenths / 10)) $((tenths % 10)) "$(clock $elapsed)" "$(clock $left)"
    done
  done
fi

for chapter in $chapters; do
  echo "=== $chapter: findings at seeds ${SEEDS[*]} ==="
  $bin/$chapter --collect-seeds "$scratch/$chapter"
done
echo "make seeds: done in $(clock $(($(date +%s) - start)))."
