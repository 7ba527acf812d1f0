#!/usr/bin/env python3
"""The course site in a real browser: every chapter page, rendered by headless
Chromium, shows its prose, its figures and the library code it inlines.

    scripts/site-test.py [SITE] [--screenshots FOLDER]

SITE is a built site (default docs-site/, from scripts/docs.sh; docs.sh
--check runs this on the site it has just built). The test serves SITE on
127.0.0.1 at a free port and loads each chapter page, as a reader would, with
`chromium --headless --dump-dom`. DocC pages are drawn by JavaScript, so the
server adds one script to every HTML page it serves: once the page has drawn
its title, the script makes every image load (the site's are lazy), waits for
them, and writes what the page shows (its text, its code listings, each
image's natural size, any failed load or script error) into the DOM that
Chromium dumps. Then, for every chapter, it checks that

- the page's title is the chapter's title, and two sentences of its prose
  (the first of the introduction, the last of the page) are on the page;
- every figure the chapter's page shows is there and loaded (naturalWidth
  and naturalHeight > 0), and so is every other image on the page;
- every BookCore or ChapterKit source the chapter inlines (`// [source: …]`,
  scripts/literate.py) is on the page under its caption, line for line;
- nothing the page asked the server for was missing, and no script failed.

What each page must show comes from scripts/literate.py's own rendering of
Chapters/*/main.swift, so chapters are checked against their sources as they
are now. --screenshots FOLDER also saves a PNG of each chapter page, from the
paragraph before its first inlined library source (or from its top), to look at.

Chromium is `chromium`, `chromium-browser`, `google-chrome` or $CHROMIUM.
Without one the test says so and skips (exit 0), unless SITE_TEST_REQUIRED=1
(as in CI), when that is an error. Exits 1 on any failure; the server stops in
every case.
"""
import html
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in scripts/
import literate  # noqa: E402

# Virtual time Chromium gives a page before it dumps the DOM (the page waits in
# virtual time; network loads pause it), and the real time a run may take.
VIRTUAL_BUDGET_MS = 30000
REAL_TIMEOUT_S = 90
REPORT = re.compile(r'<pre id="site-test-report"[^>]*>(.*?)</pre>', re.S)

# The script the server adds to every HTML page. When the server takes
# screenshots, SCROLL is true and the page brings its first inlined library
# source to the top (a query or a fragment in the URL would change what DocC draws).
PROBE = r"""<script>
(function () {
  const errors = [];
  window.addEventListener("error", (event) => {
    const target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      errors.push("could not load " + (target.src || target.href));
    } else {
      errors.push("script error: " + event.message);
    }
  }, true);
  window.addEventListener("unhandledrejection", (event) => errors.push("unhandled rejection: " + event.reason));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const loaded = (image) => image.complete ? Promise.resolve() : new Promise((resolve) => {
    image.addEventListener("load", resolve, { once: true });
    image.addEventListener("error", resolve, { once: true });
  });
  async function probe() {
    // Wait until DocC has drawn the page: a title, and content that stops growing.
    let title = null, size = -1, steady = 0;
    for (let tick = 0; tick < 150 && steady < 3; tick++) {
      await sleep(100);
      title = document.querySelector("main h1.title");
      const now = title ? document.querySelector("main").innerHTML.length : -1;
      steady = now > 0 && now === size ? steady + 1 : 0;
      size = now;
    }
    const main = document.querySelector("main");
    const images = Array.from(document.querySelectorAll("main img"));
    for (const image of images) image.loading = "eager";
    await Promise.race([Promise.all(images.map(loaded)), sleep(15000)]);
    const report = {
      title: title ? title.innerText : null,
      text: main ? main.innerText : "",
      // Each listing as its lines (DocC draws a line as a span.code-line; a blank one holds a newline).
      listings: Array.from(document.querySelectorAll("main pre code")).map((code) => {
        const lines = Array.from(code.querySelectorAll(".code-line"));
        return lines.length ? lines.map((line) => line.textContent.replace(/\n$/, "")).join("\n") : code.textContent;
      }),
      images: images.map((image) => ({
        src: image.currentSrc || image.src, alt: image.alt,
        width: image.naturalWidth, height: image.naturalHeight, complete: image.complete,
      })),
      errors: errors,
    };
    if (SCROLL) {
      // Show the first library listing near the top: a headless screenshot is
      // of the top of the page (and is blank after a scroll under virtual time),
      // so hide what comes before the paragraph that leads to its caption.
      const caption = Array.from(document.querySelectorAll("main p"))
        .find((p) => /^(From Sources\/|\S+, from Sources\/)/.test(p.innerText));
      if (caption) {
        const before = Array.from(caption.parentElement.children);
        before.slice(0, Math.max(0, before.indexOf(caption) - 1)).forEach((element) => element.style.display = "none");
      }
    }
    write(report);
  }
  function write(report) {
    const out = document.createElement("pre");
    out.id = "site-test-report";
    out.hidden = true;
    out.textContent = JSON.stringify(report);
    document.body.appendChild(out);
  }
  document.addEventListener("DOMContentLoaded", () => probe().catch((error) => {
    errors.push("the test's probe failed: " + error);
    write({ title: null, text: "", listings: [], images: [], errors: errors });
  }));
})();
</script>"""


def normalized(text):
    """Text as compared on the page: DocC curls quotes and turns -- into dashes."""
    text = text.replace("\u00a0", " ")
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                            ("\u2013", "-"), ("\u2014", "-"), ("---", "-"), ("--", "-")):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def plain_sentences(page):
    """The page's prose sentences that carry no Markdown markup, in order."""
    sentences, fenced = [], False
    for paragraph in page.split("\n\n"):
        if paragraph.startswith("```"):
            fenced = not paragraph.rstrip().endswith("```") or paragraph.strip() == "```"
            continue
        if fenced:
            fenced = not paragraph.rstrip().endswith("```")
            continue
        if re.match(r"^(#|>|!|-|\||@|\d+\. )", paragraph):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", paragraph.replace("\n", " ")):
            sentence = sentence.replace("`", "")
            if len(sentence) >= 40 and sentence[0].isupper() and not re.search(r"[*_\[\]\\$<>|]", sentence):
                sentences.append(sentence)
    return sentences


def expectations(chapters="Chapters", figures="figures"):
    """What each chapter page must show, from literate.py's rendering of it."""
    pages = []
    for entry in sorted(os.listdir(chapters)):
        folder = os.path.join(chapters, entry)
        if not os.path.exists(os.path.join(folder, "main.swift")):
            continue
        name, page, errors, listings = literate.render(folder, figures)
        if errors:
            sys.exit("site test: scripts/literate.py cannot render the chapters:\n  " + "\n  ".join(errors))
        sentences = plain_sentences(page)
        pages.append({
            "name": name,
            "path": f"/documentation/bookcore/{name.lower()}/",
            "title": page.split("\n", 1)[0].removeprefix("# "),
            "sentences": sorted({sentences[0], sentences[-1]}, key=sentences.index) if sentences else [],
            "figures": re.findall(r"^!\[[^\]]*\]\(([^)]+)\)$", page, re.M),
            "listings": listings,
        })
    return pages


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site):
        self.site = os.path.abspath(site)
        self.missing = []             # (path, the page that asked for it)
        self.scroll = False           # pages start at their first library listing (screenshots)
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=args[2].site, **kwargs)

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            with self.server.lock:
                self.server.missing.append((self.path, self.headers.get("Referer", "")))
        super().send_error(code, message, explain)

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not path.endswith(".html") or not os.path.isfile(path):
            return super().do_GET()
        probe = PROBE.replace("SCROLL", "true" if self.server.scroll else "false")
        page = literate.read(path).replace("<head>", "<head>" + probe, 1).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


def find_chromium():
    """Chromium's path, or None and why not."""
    if os.environ.get("CHROMIUM"):
        found = shutil.which(os.environ["CHROMIUM"])
        return found, None if found else f"$CHROMIUM ({os.environ['CHROMIUM']}) is not a program"
    names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    found = next((shutil.which(name) for name in names if shutil.which(name)), None)
    return found, None if found else "no Chromium on PATH (" + ", ".join(names) + ", or set $CHROMIUM)"


def chromium(binary, url, *flags):
    """Runs headless Chromium on `url`; returns its standard output."""
    with tempfile.TemporaryDirectory(prefix="site-test-") as profile:
        command = [binary, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                   "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                   f"--user-data-dir={profile}", f"--virtual-time-budget={VIRTUAL_BUDGET_MS}", *flags, url]
        if os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses root otherwise; the page is our own
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            out, err = process.communicate(timeout=REAL_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise RuntimeError(f"Chromium did not finish {url} within {REAL_TIMEOUT_S} s")
        except BaseException:             # Ctrl-C: Chromium has a session of its own, so end it here
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
        if process.returncode != 0:
            tail = err.decode("utf-8", "replace").strip().split("\n")[-3:]
            raise RuntimeError(f"Chromium exited {process.returncode} on {url}: " + " | ".join(tail))
        return out.decode("utf-8", "replace")


# What DocC asks for that a site need not have (its optional theme file).
OPTIONAL = {"/theme-settings.json"}


def check(page, report, missing):
    """The problems with one rendered page."""
    problems = []
    missing = [path for path in missing if path not in OPTIONAL]
    if report is None:
        return [f"the page did not finish drawing within {VIRTUAL_BUDGET_MS / 1000:.0f} s of virtual time"]
    if report["title"] is None:
        problems.append("DocC drew no title (is the page in the site?)")
    elif normalized(report["title"]) != normalized(page["title"]):
        problems.append(f"its title is '{report['title']}', not '{page['title']}'")
    text = normalized(report["text"])
    if not page["sentences"]:
        problems.append("its source has no plain sentence of prose to look for")
    for sentence in page["sentences"]:
        if normalized(sentence) not in text:
            problems.append(f"its prose lacks the sentence '{sentence}'")
    shown = {os.path.basename(image["src"]).removesuffix(".png"): image for image in report["images"]}
    for figure in page["figures"]:
        if figure not in shown:
            problems.append(f"the page shows no image named {figure}")
    for image in report["images"]:
        if not (image["complete"] and image["width"] > 0 and image["height"] > 0):
            problems.append(f"the image {image['src']} did not load ({image['width']}×{image['height']})")
    listings = [code.rstrip("\n") for code in report["listings"]]
    for listing in page["listings"]:
        caption = normalized(listing["caption"].replace("`", ""))
        if caption not in text:
            problems.append(f"the caption '{caption}' is not on the page")
        if "\n".join(listing["code"]) not in listings:
            problems.append(f"no listing on the page is {listing['path']}"
                            + (f"#{listing['symbol']}" if listing["symbol"] else "") + " line for line")
    problems += [f"it asked for {path}, which the site lacks" for path in missing]
    problems += report["errors"]
    return problems


def main():
    arguments = sys.argv[1:]
    screenshots = None
    if "--screenshots" in arguments:
        at = arguments.index("--screenshots")
        if at + 1 >= len(arguments):
            sys.exit("error: --screenshots needs a folder.")
        screenshots = arguments[at + 1]
        del arguments[at:at + 2]
    if any(argument.startswith("-") for argument in arguments) or len(arguments) > 1:
        sys.exit(__doc__)
    site = os.path.abspath(arguments[0]) if arguments else None
    os.chdir(os.path.join(HERE, ".."))   # the repository: Chapters/, Sources/, figures/
    site = site or os.path.abspath("docs-site")
    if not os.path.isfile(os.path.join(site, "index.html")):
        sys.exit(f"error: {site}/index.html is missing: build the site first (scripts/docs.sh).")
    binary, why_not = find_chromium()
    if binary is None:
        message = why_not + "; on Debian or Ubuntu: apt-get install chromium"
        if os.environ.get("SITE_TEST_REQUIRED") == "1":
            sys.exit("error: site test: " + message + ".")
        print("site test: skipped: " + message + ".")
        return
    pages = expectations()
    started = time.monotonic()
    server = Server(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    failures = 0
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"

        def visit(page):
            """The problems with one chapter page, as Chromium draws it."""
            try:
                dom = chromium(binary, base + page["path"], "--dump-dom")
            except RuntimeError as error:
                return page, None, [str(error)]
            found = REPORT.search(dom)
            report = json.loads(html.unescape(found.group(1))) if found else None
            with server.lock:
                missing = [path for path, referer in server.missing if referer.endswith(page["path"])]
            return page, report, check(page, report, missing)

        # Two pages at a time: the machine has two cores, and each page waits on the network too.
        with ThreadPoolExecutor(max_workers=2) as pool:
            for page, report, problems in pool.map(visit, pages):
                if problems:
                    failures += 1
                    print(f"site test: FAIL {page['path']}:", flush=True)
                    for problem in problems:
                        print(f"  - {problem}", flush=True)
                else:
                    print(f"site test: ok   {page['path']}: title, {len(page['sentences'])} sentences, "
                          f"{len(report['images'])} image(s) loaded ({len(page['figures'])} figure(s) expected), "
                          f"{len(page['listings'])} library listing(s)", flush=True)
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
            server.scroll = True
            for page in pages:
                png = os.path.abspath(os.path.join(screenshots, page["name"] + ".png"))
                chromium(binary, base + page["path"], f"--screenshot={png}",
                         "--window-size=1200,1500")
                print(f"site test: screenshot {png}", flush=True)
    finally:
        server.shutdown()
        server.server_close()
    elapsed = time.monotonic() - started
    if failures:
        print(f"site test: {failures} of {len(pages)} chapter page(s) failed ({elapsed:.0f} s).", flush=True)
        sys.exit(1)
    print(f"site test: every chapter page renders its prose, figures and library code in Chromium ({elapsed:.0f} s).")


if __name__ == "__main__":
    main()
