#!/usr/bin/env python3
"""Turns each chapter's main.swift into a page of the course site.

    scripts/literate.py CATALOG [FIGURES] [--chapters FOLDER]

For every Chapters/NN-name/main.swift (or FOLDER/NN-name/main.swift), writes
CATALOG/NN-name.md, a DocC article that shows the source in reading order, as
docco and pycco do:

- the opening comment block becomes the title and the introduction;
- `// MARK: - N. Title` becomes a section heading;
- other `//` comment blocks become prose (lines indented by two or more
  spaces stay as they are, in a preformatted block: formulas, commands);
- code (doc comments included) becomes a Swift listing;
- a prose paragraph that starts with "Worked answer" becomes a Tip aside,
  so the reader sees it is an answer and can try first;
- `[finding: id]` becomes the finding's statement, read from
  FIGURES/<chapter>/findings.txt, which the chapter wrote from its own run,
  and at how many of the five seeds of FIGURES/<chapter>/seeds.txt
  (`make seeds`) it holds; `[finding: id, seed-dependent]` adds the range of
  each of its numbers across the seeds;
- `[seeds: id: name]` and `[seed 3: id: name]` (a number taken from
  seeds.txt; the findings tests hold it to the file) are left out of the page,
  the number they follow kept;
- the line that shows the figures (`.show(`) is followed by every figure the
  chapter's README shows, in the README's order, with its alt text;
- a comment line `// [source: Experiments.swift]` is replaced by that file of
  the chapter folder, rendered the same way (its imports left out): helpers
  that main.swift calls are shown where the story uses them;
- a comment line `// [source: BookCore/Optimizers/SGD.swift]` (a path under
  Sources/, in BookCore or ChapterKit) is replaced by that file's source as one
  listing, captioned with its path: the code beside the formula it runs;
- `#name` after either path shows one declaration only, with its doc comment
  (`// [source: BookCore/Layers/Dropout.swift#forward]`); `#Type.name` picks
  a member of one type where the name alone is not unique.

A marker that names a missing file or declaration, or that does not parse, is
an error naming the chapter file and line.

The pages are generated, not committed: the chapter source is the one place
the story is told. Exits 1, naming the file, when a cited finding is missing.
scripts/site-test.py calls `render` to learn what each rendered page must show.
"""
import os
import re
import sys
import textwrap

MARK = re.compile(r"^// MARK: - (.*)$")
FINDING = re.compile(r"\[finding: ([a-z0-9.\-]+)(, seed-dependent)?\]")
SEEDS = re.compile(r"\s*\[(?:seeds|seed \d+): ([a-z0-9.\-]+): ([^\]]+)\]")
# `// [source: PATH]` or `// [source: PATH#name]`, on a line of its own.
SOURCE = re.compile(r"^\s*// \[source: ([^\]#\s]+)(?:#([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?))?\]\s*$")
SOURCE_LIKE = re.compile(r"^\s*//.*\[source:")
# The Sources/ targets a marker may show (their files read as the subject).
LIBRARIES = ("BookCore", "ChapterKit")
README_FIGURE = re.compile(r"!\[([^\]]*)\]\(\.\./\.\./figures/([^/]+)/([^)]+)\.png\)")


def read(path):
    with open(path, encoding="utf-8") as file:
        return file.read()


def load_findings(path):
    findings = {}
    if os.path.exists(path):
        for line in read(path).split("\n"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                findings[parts[0]] = (parts[1] == "holds", parts[2])
    return findings


def load_seeds(path):
    """seeds.txt (make seeds): per finding id, (held, seeds, [(name, min, max)])."""
    seeds = {}
    if not os.path.exists(path):
        return seeds
    count = 0
    for line in read(path).split("\n"):
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 2:
            continue
        if parts[0] == "finding":
            count = len(parts) - 5
        elif parts[1]:
            seeds[parts[0]] = (int(parts[1].split(" ")[0]), count, [])
        else:
            finding, name = parts[0].split(": ", 1)
            seeds[finding][2].append((name, parts[-3], parts[-1]))
    return seeds


def readme_figures(path):
    if not os.path.exists(path):
        return []
    figures = []
    for alt, chapter, name in README_FIGURE.findall(read(path)):
        image = f"{chapter}-{name.replace('.', '_')}"
        if image not in [f[1] for f in figures]:
            figures.append((alt, image))
    return figures


def prose_markdown(lines, findings, source, seeds=None):
    """A block of comment text as Markdown paragraphs, formulas kept as they are."""
    out, pre = [], []
    errors = []

    measured = []

    def cite(match):
        finding = findings.get(match.group(1))
        if finding is None:
            errors.append(f"{source}: cites [finding: {match.group(1)}], which findings.txt does not hold")
            return ""
        holds, statement = finding
        text = statement + ("" if holds else " (This claim does not hold for the committed data.)")
        record = (seeds or {}).get(match.group(1))
        if record:
            held, count, values = record
            text += f" *Holds at {held} of {count} seeds.*"
            if match.group(2):
                spread = "; ".join(f"{name} {low} to {high}" for name, low, high in values if low != high)
                text += f" *It depends on the seed{': ' + spread if spread else ''}.*"
        measured.append(text)
        return ""

    def seed_number(match):
        record = (seeds or {}).get(match.group(1))
        if seeds is not None and (record is None or match.group(2) not in [v[0] for v in record[2]]):
            errors.append(f"{source}: cites [seeds: {match.group(1)}: {match.group(2)}], which seeds.txt does not hold")
        return ""

    def flush_pre():
        if pre:
            out.append("```text\n" + "\n".join(pre) + "\n```")
            pre.clear()

    paragraph = []

    def flush_paragraph():
        if paragraph:
            text = FINDING.sub(cite, " ".join(paragraph))
            text = SEEDS.sub(seed_number, text)
            text = re.sub(r"\s+([.,;:)])", r"\1", text)
            if text.startswith("Worked answer"):
                text = "> Tip: " + text
            out.append(text)
            if measured:
                out.append("> Note: **Measured.** " + "\n>\n> ".join(measured))
                measured.clear()
            paragraph.clear()

    for line in lines:
        stripped = line.strip()
        gap = re.search(r"\S {3,}\S", stripped)
        in_item = bool(paragraph) and bool(re.match(r"^(\d+\. |Worked answer)", paragraph[0]))
        if stripped.startswith("Worked answer"):
            flush_paragraph()
            flush_pre()
            paragraph.append(stripped)
        elif in_item and line.startswith(" ") and stripped and not gap:
            paragraph.append(stripped)          # an exercise or an answer goes on
        elif line.startswith("  ") or gap:
            flush_paragraph()
            pre.append(line)
        elif stripped == "":
            flush_paragraph()
            flush_pre()
        else:
            flush_pre()
            # A numbered exercise starts its own paragraph.
            if re.match(r"^\d+\. ", line):
                flush_paragraph()
            paragraph.append(stripped)
    flush_paragraph()
    flush_pre()
    return "\n\n".join(out), errors


def code_only(text):
    """`text` with its comments and string literals blanked (newlines kept), so
    that braces, parentheses and declarations are found in code only."""
    out = list(text)
    n = len(text)
    stack = [["code", 0]]        # frames: ["code", open parens] or ["string", multiline]
    i = 0

    def blank(start, end):
        for k in range(start, min(end, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        frame = stack[-1]
        if frame[0] == "code":
            if text.startswith("//", i):
                end = text.find("\n", i)
                end = n if end < 0 else end
                blank(i, end)
                i = end
            elif text.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if text.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif text.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                blank(i, j)
                i = j
            elif text.startswith('"""', i):
                stack.append(["string", True])
                blank(i, i + 3)
                i += 3
            elif text[i] == '"':
                stack.append(["string", False])
                blank(i, i + 1)
                i += 1
            elif text[i] == "(":
                frame[1] += 1
                i += 1
            elif text[i] == ")" and frame[1] == 0 and len(stack) > 1:
                stack.pop()              # the end of an interpolation: back in its string
                blank(i, i + 1)
                i += 1
            else:
                if text[i] == ")":
                    frame[1] -= 1
                i += 1
        else:
            multiline = frame[1]
            if text.startswith("\\(", i):
                stack.append(["code", 0])
                blank(i, i + 2)
                i += 2
            elif text[i] == "\\":
                blank(i, i + 2)
                i += 2
            elif multiline and text.startswith('"""', i):
                stack.pop()
                blank(i, i + 3)
                i += 3
            elif not multiline and text[i] in '"\n':
                stack.pop()
                blank(i, i + 1)
                i += 1
            else:
                blank(i, i + 1)
                i += 1
    return "".join(out)


MODIFIERS = (r"(?:(?:public|private|fileprivate|internal|package|open|final|static|class|override|mutating|"
             r"nonmutating|convenience|required|nonisolated|lazy|weak|indirect)(?:\([a-z]+\))?\s+)*")
TYPE_KEYWORDS = r"(?:struct|class|enum|protocol|extension|actor)"


def declaration_pattern(name):
    if name == "init":
        named = r"init[?!]?\s*[(<]"
    else:
        named = r"(?:func|var|let|case|typealias|struct|class|enum|protocol|extension|actor)\s+" + re.escape(name) + r"\b"
    return re.compile(r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*" + MODIFIERS + named)


def declaration_extent(lines, code, first):
    """The lines (first and last, 0-based) of the declaration on line `first`:
    its doc comment and attributes above it, through the brace that closes its
    body (or its last line, for one without a body)."""
    start = first
    while start > 0 and re.match(r"^\s*(///|@)", lines[start - 1]):
        start -= 1
    parens = 0
    row = first
    while row < len(code):
        for column, char in enumerate(code[row]):
            if char in "([":
                parens += 1
            elif char in ")]":
                parens -= 1
            elif char == "{" and parens == 0:
                return start, closing_line(code, row, column)
        if parens == 0:
            following = next((line.strip() for line in code[row + 1:] if line.strip()), "")
            if not re.match(r"^(\{|->|where\b|throws\b|rethrows\b|async\b)", following):
                return start, row        # no body: the declaration ends here
        row += 1
    return start, len(code) - 1


def closing_line(code, row, column):
    depth = 0
    for r in range(row, len(code)):
        for c in range(column if r == row else 0, len(code[r])):
            if code[r][c] == "{":
                depth += 1
            elif code[r][c] == "}":
                depth -= 1
                if depth == 0:
                    return r
    raise ValueError(f"the brace that opens line {row + 1} is never closed")


def find_declaration(text, symbol):
    """The lines (first and last, 0-based) of the one declaration `symbol`
    names in `text` (`name`, or `Type.name` for a member of one type), and its
    name with the types around it (`Dropout.forward`). Raises ValueError
    saying what is missing or ambiguous."""
    lines = text.split("\n")
    code = code_only(text).split("\n")
    owner, _, name = symbol.rpartition(".")
    depth_at = []                # brace depth at the start of each line
    depth = 0
    for line in code:
        depth_at.append(depth)
        depth += line.count("{") - line.count("}")
    rows = range(len(code))
    if owner:
        owner_pattern = re.compile(r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*" + MODIFIERS + TYPE_KEYWORDS +
                                   r"\s+" + re.escape(owner) + r"\b")
        bodies = [declaration_extent(lines, code, row) for row in rows if owner_pattern.match(code[row])]
        if not bodies:
            raise ValueError(f"no type or extension named {owner}")
        rows = [row for row in rows for (first, last) in bodies
                if first < row <= last and depth_at[row] == depth_at[first] + 1]
    pattern = declaration_pattern(name)
    matches = [row for row in rows if pattern.match(code[row])]
    if not matches:
        raise ValueError(f"no declaration named {symbol}")
    if len(matches) > 1:
        where = ", ".join(str(row + 1) for row in matches)
        advice = "a marker shows one" if owner else "name one as Type." + name
        raise ValueError(f"{len(matches)} declarations named {symbol} (lines {where}): {advice}")
    first, last = declaration_extent(lines, code, matches[0])
    return first, last, ".".join(enclosing_types(lines, code, depth_at, matches[0]) + [name])


def enclosing_types(lines, code, depth_at, row):
    """The names of the types (or extensions) around line `row`, outermost first."""
    names = []
    pattern = re.compile(r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*" + MODIFIERS + TYPE_KEYWORDS + r"\s+([A-Za-z_][A-Za-z0-9_]*)")
    depth = depth_at[row]
    for above in range(row - 1, -1, -1):
        if depth == 0:
            break
        declared = pattern.match(code[above])
        if declared and depth_at[above] == depth - 1 and declaration_extent(lines, code, above)[1] >= row:
            names.insert(0, declared.group(1))
            depth -= 1
    return names


def expand_sources(chapter_folder, source):
    """main.swift's lines with every `// [source: …]` marker replaced: a file of
    the chapter folder by its lines (rendered as the story is), a file under
    Sources/ by a listing (a dict: its caption, path, symbol and code lines).
    Returns the lines, the listings and the errors."""
    lines, listings, errors = [], [], []
    for number, line in enumerate(read(source).split("\n"), start=1):
        marker = SOURCE.match(line)
        if not marker:
            if SOURCE_LIKE.match(line):
                errors.append(f"{source}:{number}: a source marker reads '// [source: FILE.swift]', "
                              f"'// [source: BookCore/PATH.swift]' or either with '#name' after the path, "
                              f"not '{line.strip()}'")
            lines.append(line)
            continue
        spec, symbol = marker.group(1), marker.group(2)
        library = spec.split("/", 1)[0] if "/" in spec else None
        if library is None:
            path = os.path.join(chapter_folder, spec)
            where = f"{spec}, which is not in {chapter_folder}"
        else:
            path = os.path.join("Sources", spec)
            where = f"{path}, which does not exist"
        if (library is not None and library not in LIBRARIES) or ".." in spec.split("/") or not spec.endswith(".swift"):
            errors.append(f"{source}:{number}: [source: {spec}] names neither a .swift file beside main.swift "
                          f"nor one under Sources/{' or Sources/'.join(LIBRARIES)}")
            continue
        if not os.path.isfile(path):
            errors.append(f"{source}:{number}: [source: {spec}{'#' + symbol if symbol else ''}] names {where}")
            continue
        text = read(path)
        body = text.split("\n")
        first = None
        if symbol:
            try:
                first, last, qualified = find_declaration(text, symbol)
            except ValueError as problem:
                errors.append(f"{source}:{number}: [source: {spec}#{symbol}]: {path} has {problem}")
                continue
            body = textwrap.dedent("\n".join(body[first:last + 1])).split("\n")
        body = [l for l in body if not l.startswith("import ")]
        while body and not body[0].strip():
            body = body[1:]
        while body and not body[-1].strip():
            body = body[:-1]
        if library is None:
            lines += ["//", f"// From `{spec}`, beside this file:", "//"]
            lines += body
            lines += ["//"]  # what follows is main.swift again
            continue
        if symbol:
            caption = f"`{qualified}`, from `{path}` (lines {first + 1}–{last + 1}):"
        else:
            caption = f"From `{path}`:"
        listing = {"caption": caption, "path": path, "symbol": symbol, "code": body}
        lines.append(listing)
        listings.append(listing)
    return lines, listings, errors


def render(chapter_folder, figures_root):
    folder_name = os.path.basename(chapter_folder)
    chapter = re.sub(r"^\d+-", "", folder_name)
    source = os.path.join(chapter_folder, "main.swift")
    lines, listings, errors = expand_sources(chapter_folder, source)
    findings = load_findings(os.path.join(figures_root, chapter, "findings.txt"))
    seeds = load_seeds(os.path.join(figures_root, chapter, "seeds.txt"))
    figures = readme_figures(os.path.join(chapter_folder, "README.md"))

    blocks = []          # (kind, lines): kind is "prose", "code" or "heading"
    for line in lines:
        if isinstance(line, dict):
            blocks.append(("listing", line))
            continue
        mark = MARK.match(line)
        if mark:
            blocks.append(("heading", [mark.group(1)]))
            continue
        is_comment = line.startswith("//") and not line.startswith("///")
        kind = "prose" if is_comment else "code"
        text = re.sub(r"^// ?", "", line) if is_comment else line
        if blocks and blocks[-1][0] == kind:
            blocks[-1][1].append(text)
        else:
            blocks.append((kind, [text]))

    # The opening comment: title, then the introduction.
    intro = blocks.pop(0)[1] if blocks and blocks[0][0] == "prose" else ["Chapter"]
    title = intro[0]
    page = [f"# {title}", ""]
    text, problems = prose_markdown(intro[1:], findings, source, seeds)
    errors += problems
    page += [text, "", f"This page is the chapter's source, `{source}`, "
             "shown in reading order: its comments as prose, its code as listings, its figures where "
             "the code draws them. Every *measured* statement comes from the chapter's own run.", ""]
    shown = False
    for kind, body in blocks:
        if kind == "heading":
            page += [f"## {body[0]}", ""]
        elif kind == "listing":
            ticks = [len(l.strip()) - len(l.strip().lstrip("`")) for l in body["code"]]
            fence = "`" * max([3] + [count + 1 for count in ticks if count >= 3])
            page += [body["caption"], "", fence + "swift"] + body["code"] + [fence, ""]
        elif kind == "prose":
            text, problems = prose_markdown(body, findings, source, seeds)
            errors += problems
            if text:
                page += [text, ""]
        else:
            while body and body[0].strip() == "":
                body = body[1:]
            while body and body[-1].strip() == "":
                body = body[:-1]
            if not body:
                continue
            page += ["```swift"] + body + ["```", ""]
            if not shown and any(".show(" in line for line in body):
                shown = True
                for alt, image in figures:
                    page += [f"![{alt}]({image})", ""]
    if not shown and figures:
        page += ["## Figures", ""] + [f"![{alt}]({image})\n" for alt, image in figures]
    return folder_name, "\n".join(page).rstrip() + "\n", errors, listings


def main():
    arguments = sys.argv[1:]
    chapters = "Chapters"
    if "--chapters" in arguments:
        at = arguments.index("--chapters")
        if at + 1 >= len(arguments):
            sys.exit("error: --chapters needs a folder.")
        chapters = arguments[at + 1]
        del arguments[at:at + 2]
    if not arguments or arguments[0].startswith("-"):
        sys.exit(__doc__)
    catalog = arguments[0]
    figures_root = arguments[1] if len(arguments) > 1 else "figures"
    errors = []
    for entry in sorted(os.listdir(chapters)):
        folder = os.path.join(chapters, entry)
        if not os.path.exists(os.path.join(folder, "main.swift")):
            continue
        name, page, problems, _ = render(folder, figures_root)
        errors += problems
        with open(os.path.join(catalog, name + ".md"), "w", encoding="utf-8") as file:
            file.write(page)
        print(f"literate: {folder}/main.swift -> {catalog}/{name}.md")
    for error in errors:
        print("error: " + error, file=sys.stderr)
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
