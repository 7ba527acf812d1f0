#!/usr/bin/env bash
# Redraws every figure from its data and script, without training (make render).
# Each script writes its PNG and SVG to temporary names beside it
# (gnuplot -c <script> files <png> <svg>); they take the real names only when
# gnuplot succeeded and both are whole pictures, so a full disk or an
# interrupted render leaves the previous pictures as they were.
#   scripts/render.sh [script.gp ...]     default: figures/*/*.gp
set -uo pipefail

temporaries=()
cleanup() { rm -f -- "${temporaries[@]}"; }
trap cleanup EXIT
trap 'cleanup; trap - INT; kill -INT $$' INT
trap 'cleanup; exit 143' TERM

# A whole PNG: the 8-byte signature first, the IEND chunk last.
whole_png() {
  [[ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" == "89504e470d0a1a0a" ]] &&
  [[ "$(tail -c 8 "$1" | od -An -tx1 | tr -d ' \n')" == "49454e44ae426082" ]]
}
# A whole SVG: starts with <?xml or <svg, ends with </svg>.
whole_svg() {
  head -c 5 "$1" | grep -q '^<?xml\|^<svg' && [[ "$(tail -c 16 "$1" | tr -d ' \n\r\t')" == *"</svg>" ]]
}

(( $# > 0 )) || set -- figures/*/*.gp
failed=0
for script in "$@"; do
  echo "gnuplot $script"
  folder=$(dirname -- "$script")
  name=$(basename -- "$script" .gp)
  png=".$name.png.tmp-render-$$"
  svg=".$name.svg.tmp-render-$$"
  temporaries+=("$folder/$png" "$folder/$svg")
  if gnuplot -c "$script" files "$png" "$svg" && whole_png "$folder/$png" && whole_svg "$folder/$svg"; then
    mv -f -- "$folder/$png" "$folder/$name.png" && mv -f -- "$folder/$svg" "$folder/$name.svg" || failed=1
  else
    echo "error: $script did not render (gnuplot failed, or the disk is full); $name.png and $name.svg are unchanged." >&2
    rm -f -- "$folder/$png" "$folder/$svg"
    failed=1
  fi
done
exit $failed
