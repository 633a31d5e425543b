"""How the viewer's tests and benches start a real headless Chromium: Debian's binary (Playwright never
downloads one) with everything that could reach the network or the user's profile turned off."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
