#!/usr/bin/env python3
"""Tests of scripts/literate.py's `// [source: …]` markers (run from the
repository root; scripts/docs.sh --check runs them before it builds the site).

    python3 scripts/test-literate.py

The fixture chapter scripts/fixtures/literate/01-fixture/main.swift shows a
whole BookCore file, one declaration, one member named through its type, a
ChapterKit function and one function of a file beside it; the error cases are written to a temporary
chapter folder and rendered by literate.py itself, as docs.sh runs it.
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in scripts/
import literate  # noqa: E402

FIXTURE = os.path.join("scripts", "fixtures", "literate", "01-fixture")


def source_lines(path):
    return literate.read(path).split("\n")


class FixturePage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.name, cls.page, cls.errors, cls.listings = literate.render(FIXTURE, "figures")

    def test_renders_without_errors(self):
        self.assertEqual(self.errors, [])
        self.assertEqual([listing["path"] for listing in self.listings],
                         ["Sources/BookCore/Optimizers/SGD.swift", "Sources/BookCore/Layers/Dropout.swift",
                          "Sources/BookCore/Layers/Dropout.swift", "Sources/ChapterKit/Findings/Finding.swift"])

    def test_a_whole_file_is_one_listing_under_its_path(self):
        path = "Sources/BookCore/Optimizers/SGD.swift"
        code = "\n".join(l for l in source_lines(path) if not l.startswith("import ")).strip("\n")
        self.assertIn(f"From `{path}`:\n\n```swift\n{code}\n```\n", self.page)

    def test_one_declaration_runs_from_its_doc_comment_to_its_closing_brace(self):
        path = "Sources/BookCore/Layers/Dropout.swift"
        lines = source_lines(path)
        forward = self.listings[1]
        self.assertEqual(forward["symbol"], "forward")
        first = lines.index(next(l for l in lines if "public func forward(" in l)) - 1
        last = next(row for row in range(first, len(lines)) if lines[row] == "    }")
        self.assertTrue(lines[first].strip().startswith("///"), lines[first])
        self.assertEqual(forward["code"], textwrap.dedent("\n".join(lines[first:last + 1])).split("\n"))
        self.assertIn(f"`Dropout.forward`, from `{path}` (lines {first + 1}–{last + 1}):", self.page)
        self.assertNotIn("func backward", "\n".join(forward["code"]))

    def test_a_member_named_through_its_type(self):
        backward = self.listings[2]["code"]
        self.assertTrue(backward[1].startswith("public func backward(_ dout: Matrix)"), backward)
        self.assertEqual(backward[-1], "}")

    def test_a_top_level_function_of_chapter_kit(self):
        code = self.listings[3]["code"]
        self.assertTrue(code[0].startswith("///") and code[-1] == "}", code)
        self.assertEqual(sum(line.startswith("public func isAbout(") for line in code), 1, code)
        self.assertTrue(self.listings[3]["caption"].startswith("`isAbout`, from `Sources/ChapterKit/Findings/Finding.swift`"))

    def test_a_declaration_of_a_file_beside_main_swift(self):
        self.assertIn("From `Helper.swift`, beside this file:", self.page)
        self.assertEqual(literate.find_declaration(literate.read(os.path.join(FIXTURE, "Helper.swift")), "halved")[2],
                         "halved")
        self.assertIn("func halved(_ x: Double) -> Double {\n    x / 2\n}", self.page)
        self.assertNotIn("func doubled", self.page)


class Declarations(unittest.TestCase):
    TEXT = textwrap.dedent('''\
        /// A protocol.
        protocol Shape {
            /// No body.
            func area() -> Double
        }

        struct Square: Shape {
            var side: Double
            /// Braces in strings and comments do not count: "}" // }
            @inlinable
            func area() -> Double {
                let note = "}}} \\(side > 0 ? "{" : "}") }"  // {
                /* { nested /* } */ { */
                return side * side
            }

            func describe(
                prefix: String,
                suffix: String
            ) -> String where Self: Shape {
                """
                } \\(prefix) {
                """
            }
        }
        ''')

    def extent(self, symbol):
        first, last, qualified = literate.find_declaration(self.TEXT, symbol)
        return first + 1, last + 1, qualified   # as line numbers

    def test_braces_in_strings_and_comments_are_skipped(self):
        self.assertEqual(self.extent("Square.area"), (9, 15, "Square.area"))

    def test_a_signature_over_several_lines(self):
        self.assertEqual(self.extent("describe"), (17, 24, "Square.describe"))

    def test_a_requirement_without_a_body(self):
        self.assertEqual(self.extent("Shape.area"), (3, 4, "Shape.area"))

    def test_a_stored_property(self):
        self.assertEqual(self.extent("side"), (8, 8, "Square.side"))

    def test_an_ambiguous_or_missing_name_is_an_error(self):
        with self.assertRaisesRegex(ValueError, r"2 declarations named area \(lines 4, 11\): name one as Type.area"):
            literate.find_declaration(self.TEXT, "area")
        with self.assertRaisesRegex(ValueError, "no declaration named perimeter"):
            literate.find_declaration(self.TEXT, "perimeter")
        with self.assertRaisesRegex(ValueError, "no type or extension named Circle"):
            literate.find_declaration(self.TEXT, "Circle.area")


class BadMarkers(unittest.TestCase):
    """Each bad marker is an error naming main.swift and its line, and literate.py exits 1."""

    CASES = [
        ("// [source: BookCore/Optimizers/SDG.swift]", "names Sources/BookCore/Optimizers/SDG.swift, which does not exist"),
        ("// [source: Missing.swift]", "names Missing.swift, which is not in"),
        ("// [source: BookCore/Layers/Dropout.swift#forwards]", "has no declaration named forwards"),
        ("// [source: BookCore/Matrix.swift#init]", "declarations named init (lines"),
        ("// [source: Tests/BookCoreTests/MatrixTests.swift]", "names neither a .swift file beside main.swift"),
        ("// [source: BookCore/../../Package.swift]", "names neither a .swift file beside main.swift"),
        ("// [source: BookCore/Optimizers/SGD.swift", "a source marker reads"),
    ]

    def test_each_error_names_the_chapter_file_and_line(self):
        with tempfile.TemporaryDirectory() as folder:
            chapter = os.path.join(folder, "01-broken")
            os.mkdir(chapter)
            catalog = os.path.join(folder, "catalog")
            os.mkdir(catalog)
            main = ["// Broken — every marker below is wrong", "//", "// MARK: - 1. Markers", "let x = 1"]
            for marker, _ in self.CASES:
                main += [marker, "let y = 2"]
            path = os.path.join(chapter, "main.swift")
            with open(path, "w", encoding="utf-8") as file:
                file.write("\n".join(main) + "\n")
            run = subprocess.run([sys.executable, os.path.join(HERE, "literate.py"), catalog, "figures",
                                  "--chapters", folder], capture_output=True, text=True)
            self.assertEqual(run.returncode, 1, run.stderr)
            errors = run.stderr.strip().split("\n")
            self.assertEqual(len(errors), len(self.CASES), run.stderr)
            for (marker, message), error in zip(self.CASES, errors):
                line = main.index(marker) + 1
                self.assertTrue(error.startswith(f"error: {path}:{line}: "), error)
                self.assertIn(message, error)


if __name__ == "__main__":
    unittest.main(verbosity=1)
