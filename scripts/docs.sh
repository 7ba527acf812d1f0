#!/usr/bin/env bash
# Builds the course site: the DocC catalog Sources/BookCore/Documentation.docc,
# a page per chapter rendered from its main.swift (scripts/literate.py), and
# every public BookCore symbol, as a static site (swift-docc-plugin).
#
#   scripts/docs.sh            build the site into docs-site/ (make docs)
#   scripts/docs.sh --check    build it into a temporary folder and fail on any
#                              DocC warning, any figure an article shows that is
#                              missing, any committed figure no article shows, any
#                              undocumented public symbol, and any top-level symbol
#                              outside the landing page's topic groups. It tests
#                              literate.py's source markers first and loads every
#                              built chapter page in headless Chromium last
#                              (scripts/site-test.py: skipped where Chromium is
#                              missing, unless SITE_TEST_REQUIRED=1)
#   scripts/docs.sh --serve    build, then serve docs-site/ on http://127.0.0.1:8000
#                              (a DocC site needs a server; PORT=8080 for another port)
#
# Environment: SWIFT (default swift), SCRATCH_PATH (a build folder other than
# .build), DOCS_OUTPUT (default docs-site), FIGURES (default figures: where the
# chapters wrote their figures, as with a chapter's --output).
#
# The articles show the chapters' figures. DocC takes images only from inside
# the catalog, so this script first copies figures/<chapter>/<name>.png to
# Documentation.docc/Resources/Figures/<chapter>-<name>.png (dots in <name>
# become underscores: std-0.01 → std-0_01). Those copies are git-ignored; the
# PNGs under figures/ are the committed ones. An article shows one with
# ![what it shows](optimizers-mnist-loss).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=build
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --serve) mode=serve ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  *) echo "error: unknown option '$1' (expected --check, --serve or nothing)." >&2; exit 2 ;;
esac

SWIFT="${SWIFT:-swift}"
# swift-docc-plugin is in the package only with BOOK_DOCS=1 (see the end of Package.swift).
export BOOK_DOCS=1
catalog=Sources/BookCore/Documentation.docc
resources="$catalog/Resources/Figures"
figures="${FIGURES:-figures}"
scratch=()
[[ -n "${SCRATCH_PATH:-}" ]] && scratch=(--scratch-path "$SCRATCH_PATH")

# --- 1. The chapter pages, from the chapters' sources --------------------------
# Each chapter's page is rendered from its main.swift (scripts/literate.py):
# the story is told once, in the source. The pages are git-ignored.
if [[ $mode == check ]]; then
  # literate.py's own tests: its `// [source: …]` markers on a fixture chapter.
  python3 scripts/test-literate.py
fi
python3 scripts/literate.py "$catalog" "$figures"

# --- 2. Copy the figures into the catalog ------------------------------------
chapters=()
for folder in Chapters/*/; do
  folder="${folder%/}"
  chapters+=("$(basename "$folder" | sed 's/^[0-9]*-//')")
done
mkdir -p "$resources"
rm -f "$resources"/*.png
copied=0
for chapter in "${chapters[@]}"; do
  for png in "$figures/$chapter"/*.png; do
    [[ -e "$png" ]] || continue
    name="$(basename "$png" .png)"
    cp "$png" "$resources/$chapter-${name//./_}.png"
    copied=$((copied + 1))
  done
done
echo "docs: copied $copied figures from $figures/ into $resources"

# --- 3. Every figure an article shows must exist -----------------------------
problems=0
referenced="$(grep -ohE '!\[[^]]*\]\([A-Za-z0-9_.-]+\)' "$catalog"/*.md | sed -E 's/.*\(([^)]*)\)/\1/' | sort -u)"
for image in $referenced; do
  [[ -e "$resources/${image%.png}.png" ]] && continue
  # Name the file to render: the longest chapter name that prefixes the image.
  source="$image" longest=""
  for chapter in "${chapters[@]}"; do
    if [[ "$image" == "$chapter-"* && ${#chapter} -gt ${#longest} ]]; then
      longest="$chapter" source="$figures/$chapter/${image#"$chapter-"}.png"
    fi
  done
  echo "error: an article shows '$image', but $source is missing (or named differently)." >&2
  echo "  Render it with 'make figures' (or 'make <chapter>'), or fix the article's image name." >&2
  problems=$((problems + 1))
done
# And (checked in --check mode) every figure a chapter draws is shown somewhere.
for png in "$resources"/*.png; do
  [[ -e "$png" ]] || continue
  image="$(basename "$png" .png)"
  if ! grep -qxF "$image" <<<"$referenced"; then
    if [[ $mode == check ]]; then
      echo "error: no article shows the figure $image (add ![…]($image) to the chapter's article)." >&2
      problems=$((problems + 1))
    else
      echo "note: no article shows the figure $image." >&2
    fi
  fi
done
if [[ $problems -gt 0 ]]; then
  echo "docs: $problems figure problem(s); the site was not built." >&2
  exit 1
fi

# --- 4. Build the site ---------------------------------------------------------
if [[ $mode == check ]]; then
  output="$(mktemp -d)"
else
  output="${DOCS_OUTPUT:-docs-site}"
  rm -rf "$output"
  mkdir -p "$output"
fi
log="$(mktemp)"
trap 'rm -f "$log"; [[ $mode == check ]] && rm -rf "$output"; true' EXIT

strict=()
[[ $mode == check ]] && strict=(--warnings-as-errors)
echo "docs: building the site (swift-docc-plugin) …"
status=0
"$SWIFT" package ${scratch[@]+"${scratch[@]}"} --allow-writing-to-directory "$output" \
  generate-documentation --target BookCore \
  --transform-for-static-hosting --output-path "$output" --disable-indexing \
  ${strict[@]+"${strict[@]}"} >"$log" 2>&1 || status=$?

# DocC's own diagnostics come after this line; the compiler's come before it.
docc_part="$(sed -n '/Building documentation for/,$p' "$log")"
if [[ $status -ne 0 ]]; then
  cat "$log" >&2
  echo "docs: the build failed (see above): fix the doc comment or article it names." >&2
  exit 1
fi
if grep -qE '(warning|error):' <<<"$docc_part"; then
  sed -n '/Building documentation for/,/Finished building documentation/p' "$log" >&2
  if [[ $mode == check ]]; then
    echo "docs: DocC warned (see above): fix the doc comment or article it names." >&2
    exit 1
  fi
  echo "docs: DocC warned (see above); the site was built anyway. 'scripts/docs.sh --check' fails on these." >&2
fi

if [[ $mode == check ]]; then
  # Every public symbol declared in Sources/BookCore has a doc comment: read
  # the symbol graph the build just extracted (symbols inherited from other
  # packages, such as ArgumentParser's defaults, have no location there).
  graph="$(find "${SCRATCH_PATH:-.build}" -path '*extracted-symbols*' -name BookCore.symbols.json -print0 \
           | xargs -0 ls -t 2>/dev/null | head -1)"
  if [[ -z "$graph" ]]; then
    echo "docs: no BookCore symbol graph found under ${SCRATCH_PATH:-.build}." >&2
    exit 1
  fi
  python3 - "$graph" "$catalog/BookCore.md" <<'PY'
import json, sys
symbols = json.load(open(sys.argv[1]))["symbols"]
missing = []
for symbol in symbols:
    uri = (symbol.get("location") or {}).get("uri", "")
    if "/Sources/BookCore/" not in uri or symbol.get("accessLevel") not in ("public", "open"):
        continue
    if not symbol.get("docComment"):
        line = symbol["location"]["position"]["line"] + 1
        missing.append(f"{uri.split('/Sources/', 1)[1]}:{line}: {'.'.join(symbol['pathComponents'])}")
for entry in sorted(missing):
    print("error: no doc comment:", "Sources/" + entry, file=sys.stderr)
# Every top-level symbol sits in one of the landing page's topic groups.
landing = open(sys.argv[2]).read()
ungrouped = sorted({s["pathComponents"][0] for s in symbols
                    if len(s["pathComponents"]) == 1 and "/Sources/BookCore/" in (s.get("location") or {}).get("uri", "")
                    and "``" + s["pathComponents"][0] + "``" not in landing})
for name in ungrouped:
    print(f"error: {name} is in no topic group: add - ``{name}`` under a ### heading of {sys.argv[2]}'s Topics.",
          file=sys.stderr)
if missing or ungrouped:
    sys.exit(f"docs: {len(missing)} public symbol(s) without a doc comment, {len(ungrouped)} outside the topic groups.")
print("docs: every public BookCore symbol has a doc comment and every top-level one a topic group.")
PY
  # The site in a real browser: every chapter page's prose, figures and inlined
  # library code, drawn by headless Chromium (skipped where there is none).
  python3 scripts/site-test.py "$output"
  echo "docs: check passed: no DocC warnings, every figure shown and present, every public symbol documented."
  exit 0
fi

echo "docs: the site is in $output/ — a DocC site needs a server:"
echo "  python3 -m http.server --directory $output --bind 127.0.0.1 8000"
echo "  then open http://127.0.0.1:8000/documentation/bookcore/"
echo "  (scripts/site-test.py $output checks every chapter page in headless Chromium)"
if [[ $mode == serve ]]; then
  port="${PORT:-8000}"
  echo "docs: serving on http://127.0.0.1:$port/documentation/bookcore/ (Ctrl-C stops)"
  exec python3 -m http.server --directory "$output" --bind 127.0.0.1 "$port"
fi
