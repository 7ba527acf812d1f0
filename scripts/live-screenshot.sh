#!/usr/bin/env bash
# scripts/live-screenshot.sh — a screenshot of a chapter's live view in its
# window, part-way through training: the picture in the README's live-view
# section (figures/live/optimizers-live.png).
#
# It starts a virtual display (Xvfb), runs the chapter there with --plot live
# and its output in a scratch folder (the committed figures are not touched),
# waits for the gnuplot window and for the training it draws to be PERCENT
# done (the progress lines a chapter prints on standard error when it is not
# a terminal, every tenth of the way), saves the window (xwd, then netpbm's
# xwdtopnm and pnmtopng) and stops the chapter.
#
# Usage: scripts/live-screenshot.sh [--chapter NAME] [--at PERCENT] [--size WxH] [--keep] [PNG]
#   --chapter NAME   the chapter (default: optimizers), built in .build/release
#   --at PERCENT     take the picture once the first progress line after the window
#                    opened says PERCENT % or more, a multiple of 10 (default: 70: in
#                    optimizers, SGD and Momentum have trained, AdaGrad and Adam are
#                    at iteration 800 of 2000, two networks training at a time on 2 cores)
#   --size WxH       the window's size in pixels (default: 900x600)
#   --keep           let the chapter run to its end (and print its live cost line)
#   PNG              where the picture goes (default: figures/live/CHAPTER-live.png),
#                    written under a temporary name first
# Needs: a release build, Xvfb (xvfb), xdotool, a windowed gnuplot (gnuplot-x11),
# xwd (x11-apps) and xwdtopnm, pnmtopng (netpbm). Debian:
#   apt-get install xvfb xdotool gnuplot-x11 x11-apps netpbm
# The picture depends on the machine's speed (how far training got), so it is
# not byte-for-byte repeatable; the command is.
set -euo pipefail
cd "$(dirname "$0")/.."

chapter=optimizers
percent=70
size=900x600
keep=false
picture=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --chapter) [[ $# -ge 2 ]] || { echo "error: --chapter needs a NAME" >&2; exit 2; }; chapter=$2; shift ;;
    --at) [[ $# -ge 2 && $2 =~ ^[0-9]+$ && $2 -le 100 ]] || { echo "error: --at needs a PERCENT from 0 to 100" >&2; exit 2; }; percent=$2; shift ;;
    --size) [[ $# -ge 2 && $2 =~ ^[0-9]+x[0-9]+$ ]] || { echo "error: --size needs WxH, e.g. 900x600" >&2; exit 2; }; size=$2; shift ;;
    --keep) keep=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: unknown option $1 (see scripts/live-screenshot.sh --help)" >&2; exit 2 ;;
    *) picture=$1 ;;
  esac
  shift
done
picture=${picture:-figures/live/$chapter-live.png}
binary=.build/release/$chapter
[[ -x $binary ]] || { echo "error: $binary is missing: run swift build -c release first" >&2; exit 1; }
missing=()
for tool in Xvfb:xvfb xdotool:xdotool gnuplot:gnuplot-x11 xwd:x11-apps xwdtopnm:netpbm pnmtopng:netpbm; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "error: missing tools; Debian: apt-get install $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
gnuplot -e 'print GPVAL_TERMINALS' 2>&1 | grep -qw x11 \
  || { echo "error: this gnuplot has no x11 terminal (Debian: apt-get install gnuplot-x11)" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/live-screenshot.XXXXXX")
server="" run=""
cleanup() {
  # Only the two processes started here, by their ids.
  [[ -n $run ]] && kill "$run" 2>/dev/null || true
  [[ -n $server ]] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

# Xvfb picks a free display and writes its number on descriptor 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$scratch/display" 2>"$scratch/xvfb.log" &
server=$!
for _ in $(seq 100); do [[ -s $scratch/display ]] && break; sleep 0.1; done
[[ -s $scratch/display ]] || { echo "error: Xvfb gave no display number:" >&2; cat "$scratch/xvfb.log" >&2; exit 1; }
export DISPLAY=:$(tr -d '[:space:]' <"$scratch/display")
# The pointer in a corner, off the window: gnuplot would print its coordinates below the plot.
xdotool mousemove 1279 799 2>/dev/null || true

# gnuplot's x11 window takes its size from the X resources in $XENVIRONMENT.
printf 'gnuplot*geometry: %s\ngnuplot*background: white\n' "$size" >"$scratch/resources"
export XENVIRONMENT=$scratch/resources

echo "running $binary --plot live --output $scratch/output on display $DISPLAY"
"$binary" --plot live --output "$scratch/output" >"$scratch/chapter.log" 2>&1 &
run=$!
window=""
for _ in $(seq 1200); do   # up to 2 minutes: MNIST loads first, and the valley experiment runs before the window opens
  window=$(xdotool search --name "$chapter" 2>/dev/null | head -1 || true)
  [[ -n $window ]] && break
  kill -0 "$run" 2>/dev/null || { echo "error: $chapter ended before its window appeared:" >&2; tail -20 "$scratch/chapter.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $window ]] || { echo "error: no window named '$chapter' appeared in 2 minutes" >&2; exit 1; }
# The progress lines so far: "training: 5600/8000 ( 70%) … s"; the first one from PERCENT on, after the window opened.
seen=$(wc -l <"$scratch/chapter.log")
reached() {
  tail -n +"$((seen + 1))" "$scratch/chapter.log" | grep -oE '\( *[0-9]+%\)' | tr -dc '0-9\n' \
    | awk -v p="$percent" '$1 >= p { found = 1 } END { exit !found }'
}
until reached; do
  kill -0 "$run" 2>/dev/null || { echo "error: $chapter ended before its training was $percent % done:" >&2; tail -20 "$scratch/chapter.log" >&2; exit 1; }
  sleep 0.05
done
xwd -id "$window" -silent >"$scratch/window.xwd"
mkdir -p "$(dirname "$picture")"
xwdtopnm "$scratch/window.xwd" 2>/dev/null | pnmtopng -compression 9 >"$picture.tmp"
[[ -s $picture.tmp ]] || { rm -f "$picture.tmp"; echo "error: the window could not be converted to PNG" >&2; exit 1; }
mv "$picture.tmp" "$picture"
dimensions=$(xwdtopnm "$scratch/window.xwd" 2>/dev/null | pnmfile | grep -oE '[0-9]+ by [0-9]+' || true)
progress=$(tail -n +"$((seen + 1))" "$scratch/chapter.log" | grep -E '\( *[0-9]+%\)' | tail -1)
echo "saved $picture (${dimensions:-? by ?} pixels) at: $progress"
if $keep; then
  wait "$run" || true
  run=""
  grep -E 'live figure|Trained|iterations in' "$scratch/chapter.log" || true
fi
