"""A PNG screenshot of a viewer page (tree page, run summary or comparison) in headless Chromium, as it
first opens: the README's pictures come from this.

    PYTHONPATH=. python bench/viewer_screenshot.py <page.html> <out.png> [--width 1600] [--height 900]
        [--scale 1.5] [--full-page]

Uses Debian's /usr/bin/chromium through Playwright (never downloads a browser); exits 1 with the
page's own error when it logged one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from prover.viz.browser import CHROMIUM, FLAGS


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("page", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--scale", type=float, default=1.5, help="device pixels per CSS pixel")
    ap.add_argument("--full-page", action="store_true", help="the whole scrollable page, not the viewport")
    args = ap.parse_args()
    if not args.page.is_file():
        print(f"error: {args.page}: no such file", file=sys.stderr)
        return 2
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
        page = browser.new_page(
            viewport={"width": args.width, "height": args.height}, device_scale_factor=args.scale
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(args.page.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        page.wait_for_timeout(200)  # the canvas draws on the next animation frame
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=args.full_page)
        browser.close()
    if errors:
        print(f"error: {args.page}: {errors[0]}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
