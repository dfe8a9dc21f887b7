"""Headless Chromium driven over the DevTools protocol on a pipe: no websocket, no extra package.

Chromium started with --remote-debugging-pipe reads protocol messages on fd 3 and writes on fd 4,
each a JSON object ended by a NUL byte. Debian's chromium is used as installed; nothing is downloaded.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

# the flags that keep a headless Chromium off the network and quiet on a closed machine
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
    "--remote-debugging-pipe",
)
TIMEOUT = 30.0


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _pipe() -> tuple[int, int]:
    """A pipe whose ends are above 4, so moving the child's ends onto 3 and 4 never overwrites one."""
    ends = []
    for end in os.pipe():
        ends.append(fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(end)
    return ends[0], ends[1]


class ProtocolError(RuntimeError):
    pass


class Browser:
    """One Chromium process; `tab()` opens a page to drive."""

    def __init__(self, executable: str, profile: Path) -> None:
        chrome_reads, to_chrome = _pipe()
        from_chrome, chrome_writes = _pipe()

        def onto_3_and_4() -> None:  # in the child: Chromium reads fd 3 and writes fd 4, exactly
            os.dup2(chrome_reads, 3)
            os.dup2(chrome_writes, 4)

        # close_fds=False keeps only inheritable fds: 3 and 4 as dup2 made them, Python's own are CLOEXEC
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"], preexec_fn=onto_3_and_4,
            close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(chrome_reads)
        os.close(chrome_writes)
        self._out = os.fdopen(to_chrome, "wb", buffering=0)
        self._in = from_chrome
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        pending = b""
        while chunk := os.read(self._in, 1 << 16):
            pending += chunk
            *messages, pending = pending.split(b"\0")
            for message in messages:
                self._messages.put(json.loads(message))

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._out.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._messages.get(timeout=max(0.1, deadline - time.monotonic()))
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ProtocolError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str, since: int) -> dict[str, Any]:
        """The first event `method` of `session` from events[since:] on, waiting for it if need be."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events[since:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            since = len(self.events)
            self.events.append(self._messages.get(timeout=max(0.1, deadline - time.monotonic())))

    def tab(self, width: int = 1440, height: int = 900) -> Tab:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Tab(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            tab.call(f"{domain}.enable")
        tab.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                 mobile=False)
        return tab

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (ProtocolError, queue.Empty, BrokenPipeError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._out.close()


class Tab:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.call(method, self.session, **params)

    def open(self, path: Path, fragment: str = "") -> None:
        since = len(self.browser.events)
        self.call("Page.navigate", url=path.resolve().as_uri() + fragment)
        self.browser.wait_for("Page.loadEventFired", self.session, since)

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise ProtocolError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, target: Path, full_page: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        target.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", **params)["data"]))
        return target

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and any request that left the disk, in this tab."""
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("file:", "data:", "about:")):
                    found.append(f"network request: {url}")
        return found
