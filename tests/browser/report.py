#!/usr/bin/env python3
"""Opens a troop-tracker HTML report in headless Chromium and checks it.

    python3 tests/browser/report.py REPORT.html POSTURE.csv SCREENSHOT.png

POSTURE.csv is `troop-tracker summary --as-of DAY --format csv` of the same
day and data. Through the DevTools protocol (a websocket, `websocket-client`)
the page is loaded from its file and these must hold, or the script exits 1:

- no request but the file itself (no script, style, font or picture fetched);
- no console error, exception or log error (a content security policy
  violation is logged as an error);
- the posture table holds every figure of POSTURE.csv with its strength,
  row by row, and no other figure;
- every chart is drawn (an <svg> with its points), every figure's sources
  open to their quotes;
- a full-page screenshot is not blank (many colours, ink on a good share of
  its pixels), and on a phone's width (390 px) the page does not scroll
  sideways (tables scroll inside their own boxes);
- the page prints (a PDF).

Chromium runs with the flags that keep it off the network (no background
networking, no component updates, no sync), in a fresh profile.
"""

import base64
import csv
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import websocket  # websocket-client
from PIL import Image

# A report of decades of figures is a tall page; its screenshot is ours.
Image.MAX_IMAGE_PIXELS = None


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no chromium on PATH (apt-get install chromium)")


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="tt-chromium-")
        self.proc = subprocess.Popen(
            [
                chromium(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
                f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        url = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            self.close()
            sys.exit("chromium did not start its DevTools endpoint")
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method, params=None):
        return self.call(method, params, self.session)

    def wait_for(self, method, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for e in self.events:
                if e.get("method") == method:
                    return e
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError(f"no {method} within {seconds} s")

    def evaluate(self, expression):
        result = self.page(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self):
        try:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def expected_figures(posture_csv):
    with open(posture_csv, newline="", encoding="utf-8-sig") as f:
        return sorted((r["figure"], r["strength"]) for r in csv.DictReader(f))


def main():
    report, posture_csv, screenshot = sys.argv[1:4]
    url = pathlib.Path(report).resolve().as_uri()
    failures = []
    browser = Browser()
    try:
        for domain in ("Network", "Runtime", "Log", "Page"):
            browser.page(f"{domain}.enable")
        browser.page("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        browser.page("Page.navigate", {"url": url})
        browser.wait_for("Page.loadEventFired")
        time.sleep(0.5)
        browser.evaluate("1")  # collect the events sent meanwhile

        requests = [e["params"]["request"]["url"] for e in browser.events
                    if e.get("method") == "Network.requestWillBeSent"]
        other = [u for u in requests if u != url]
        if url not in requests:
            failures.append(f"the page itself was not requested: {requests}")
        if other:
            failures.append(f"requests beyond the file: {other}")
        for e in browser.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                failures.append(f"console {p['type']}: {p.get('args')}")
            if m == "Runtime.exceptionThrown":
                failures.append(f"exception: {p.get('exceptionDetails')}")
            if m == "Log.entryAdded" and p["entry"].get("level") == "error":
                failures.append(f"log error: {p['entry'].get('text')}")

        rows = browser.evaluate("""
            [...document.querySelectorAll('section#posture tbody tr')]
              .map(tr => [tr.querySelector('td[data-column=figure]').textContent,
                          tr.querySelector('td[data-column=strength]').textContent])
        """)
        shown = sorted(tuple(r) for r in rows)
        wanted = expected_figures(posture_csv)
        if shown != wanted:
            failures.append(
                f"the posture table's figures differ from the summary's: "
                f"missing {sorted(set(wanted) - set(shown))[:10]}, "
                f"extra {sorted(set(shown) - set(wanted))[:10]}"
            )
        charts = browser.evaluate("document.querySelectorAll('figure svg').length")
        marks = browser.evaluate("document.querySelectorAll('figure svg .points > *').length")
        if not charts or not marks:
            failures.append(f"charts: {charts} drawn, {marks} points")
        quotes = browser.evaluate("""
            [...document.querySelectorAll('td details')].map(d => {
              d.open = true;
              const q = d.querySelector('blockquote');
              return q ? q.getBoundingClientRect().height : 0;
            })
        """)
        if not quotes or min(quotes) <= 0:
            failures.append(f"sources that do not open to a visible quote: {quotes[:5]}")

        shot = browser.page("Page.captureScreenshot",
                            {"format": "png", "captureBeyondViewport": True})
        data = base64.b64decode(shot["data"])
        pathlib.Path(screenshot).write_bytes(data)
        image = Image.open(io.BytesIO(data)).convert("RGB")
        small = image.resize((max(1, image.width // 4), max(1, image.height // 4)))
        raw = small.tobytes()
        pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
        ink = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
        colours = len(set(pixels))
        if ink < 0.01 or colours < 16:
            failures.append(f"the screenshot looks blank: {ink:.2%} ink, {colours} colours")

        browser.page("Emulation.setDeviceMetricsOverride",
                     {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        time.sleep(0.3)
        overflow = browser.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            failures.append(f"on a phone the page scrolls sideways by {overflow} px")

        pdf = base64.b64decode(browser.page("Page.printToPDF", {})["data"])
        if not pdf.startswith(b"%PDF"):
            failures.append("the page does not print to a PDF")

        print(f"report: {len(requests)} request (the file), {len(shown)} figures, "
              f"{charts} charts with {marks} points, {len(quotes)} sources opened, "
              f"screenshot {image.width}x{image.height} ({ink:.1%} ink, {colours} colours), "
              f"PDF {len(pdf)} bytes")
    finally:
        browser.close()
    if failures:
        for f in failures:
            print("FAIL:", f)
        sys.exit(1)


if __name__ == "__main__":
    main()
