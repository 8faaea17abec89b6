"""A server of the app's own, for tests that need one beside the demo: a free port, and waiting until it answers."""
import socket
import time

import requests


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base, path="/health", tries=240):
    """Polls `base + path` every half second until it answers 200 (two minutes at most)."""
    for _ in range(tries):
        try:
            if requests.get(f"{base}{path}", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{base} did not start")
