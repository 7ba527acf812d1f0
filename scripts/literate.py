#!/usr/bin/env python3
"""Turns each chapter's main.swift into a page of the course site.

    scripts/literate.py CATALOG [FIGURES]

For every Chapters/NN-name/main.swift, writes CATALOG/NN-name.md, a DocC
article that shows the source in reading order, as docco and pycco do:

- the opening comment block becomes the title and the introduction;
- `// MARK: - N. Title` becomes a section heading;
- other `//` comment blocks become prose (lines indented by two or more
  spaces stay as they are, in a preformatted block: formulas, commands);
- code (doc comments included) becomes a Swift listing;
- a prose paragraph that starts with "Worked answer" becomes a Tip aside,
  so the reader sees it is an answer and can try first;
- `[finding: id]` becomes the finding's statement, read from
  FIGURES/<chapter>/findings.txt, which the chapter wrote from its own run;
- the line that shows the figures (`.show(`) is followed by every figure the
  chapter's README shows, in the README's order, with its alt text;
- a comment line `// [source: Experiments.swift]` is replaced by that file of
  the chapter folder, rendered the same way (its imports left out): helpers
  that main.swift calls are shown where the story uses them.

The pages are generated, not committed: the chapter source is the one place
the story is told. Exits 1, naming the file, when a cited finding is missing.
"""
import os
import re
import sys

MARK = re.compile(r"^// MARK: - (.*)$")
FINDING = re.compile(r"\[finding: ([a-z0-9.\-]+)\]")
README_FIGURE = re.compile(r"!\[([^\]]*)\]\(\.\./\.\./figures/([^/]+)/([^)]+)\.png\)")


def load_findings(path):
    findings = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                findings[parts[0]] = (parts[1] == "holds", parts[2])
    return findings


def readme_figures(path):
    if not os.path.exists(path):
        return []
    figures = []
    for alt, chapter, name in README_FIGURE.findall(open(path, encoding="utf-8").read()):
        image = f"{chapter}-{name.replace('.', '_')}"
        if image not in [f[1] for f in figures]:
            figures.append((alt, image))
    return figures


def prose_markdown(lines, findings, source):
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
        measured.append(statement + ("" if holds else " (This claim does not hold for the committed data.)"))
        return ""

    def flush_pre():
        if pre:
            out.append("```text\n" + "\n".join(pre) + "\n```")
            pre.clear()

    paragraph = []

    def flush_paragraph():
        if paragraph:
            text = FINDING.sub(cite, " ".join(paragraph))
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


def render(chapter_folder, figures_root):
    folder_name = os.path.basename(chapter_folder)
    chapter = re.sub(r"^\d+-", "", folder_name)
    source = os.path.join(chapter_folder, "main.swift")
    lines = []
    for line in open(source, encoding="utf-8").read().split("\n"):
        included = re.match(r"^// \[source: ([A-Za-z0-9_+-]+\.swift)\]\s*$", line)
        if not included:
            lines.append(line)
            continue
        path = os.path.join(chapter_folder, included.group(1))
        if not os.path.exists(path):
            sys.exit(f"error: {source} includes {included.group(1)}, which is not in {chapter_folder}")
        lines += ["//", f"// From `{included.group(1)}`, beside this file:", "//"]
        lines += [l for l in open(path, encoding="utf-8").read().split("\n") if not l.startswith("import ")]
        lines += ["//"]  # what follows is main.swift again
    findings = load_findings(os.path.join(figures_root, chapter, "findings.txt"))
    figures = readme_figures(os.path.join(chapter_folder, "README.md"))

    blocks = []          # (kind, lines): kind is "prose", "code" or "heading"
    for line in lines:
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
    errors = []
    text, problems = prose_markdown(intro[1:], findings, source)
    errors += problems
    page += [text, "", f"This page is the chapter's source, `Chapters/{folder_name}/main.swift`, "
             "shown in reading order: its comments as prose, its code as listings, its figures where "
             "the code draws them. Every *measured* statement comes from the chapter's own run.", ""]
    shown = False
    for kind, body in blocks:
        if kind == "heading":
            page += [f"## {body[0]}", ""]
        elif kind == "prose":
            text, problems = prose_markdown(body, findings, source)
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
    return folder_name, "\n".join(page).rstrip() + "\n", errors


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    catalog = sys.argv[1]
    figures_root = sys.argv[2] if len(sys.argv) > 2 else "figures"
    errors = []
    for entry in sorted(os.listdir("Chapters")):
        folder = os.path.join("Chapters", entry)
        if not os.path.exists(os.path.join(folder, "main.swift")):
            continue
        name, page, problems = render(folder, figures_root)
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
