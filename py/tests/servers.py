"""Server processes for the tests that run real servers (gunicorn, uvicorn, runserver, the
sandbox) on 127.0.0.1."""

from __future__ import annotations

import re
import socket
import subprocess
import threading
import time
from pathlib import Path

from conftest import EXAMPLE

STARTUP_TIMEOUT = 60


class Server:
    """A server process whose output is drained by a thread (a full pipe would block it)."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path = EXAMPLE) -> None:
        self.output: list[str] = []
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    def wait_for(self, pattern: str) -> re.Match[str]:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            for line in list(self.output):
                match = re.search(pattern, line)
                if match:
                    return match
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"server did not print {pattern!r}:\n{''.join(self.output)}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_listening(port: int, server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server not listening on {port}:\n{''.join(server.output)}")
