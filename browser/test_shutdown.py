"""A restart under load: SIGTERM while requests are in flight must not turn any of them into a 5xx, and the
server must exit 0. Starts its own server (on SQLite in a temporary folder, or on DATABASE_URL)."""
import os
import signal
import subprocess
import tempfile
import threading
import time

import requests

from api_token import create_token
from own_server import free_port, wait_until_up

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_sigterm_under_load_finishes_requests_in_flight_and_exits_0():
    binary = os.environ.get("FPP_BINARY", os.path.join(ROOT, ".build", "debug", "fpp"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as work:
        log = open(os.path.join(work, "server.log"), "w")
        server = subprocess.Popen([binary, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
                                  cwd=work, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(base, "/sign-in")
            token = create_token(base, "monica@demo.fpp.test")
            headers = {"Authorization": f"Bearer {token}"}
            answered, refused, server_errors = [], [], []
            stop = threading.Event()

            def load():
                session = requests.Session()
                while not stop.is_set():
                    try:
                        r = session.get(f"{base}/api/v1/families?limit=50", headers=headers, timeout=30)
                    except requests.RequestException:
                        refused.append(1)  # not accepted: the server had stopped listening
                        time.sleep(0.01)
                        continue
                    (server_errors if r.status_code >= 500 else answered).append(r.status_code)

            threads = [threading.Thread(target=load) for _ in range(12)]
            for t in threads:
                t.start()
            time.sleep(2)
            before = len(answered)
            server.send_signal(signal.SIGTERM)
            code = server.wait(timeout=60)
            stop.set()
            for t in threads:
                t.join(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
            log.close()
        output = open(os.path.join(work, "server.log")).read()
    assert before > 10, "the load did not reach the server"
    assert server_errors == [], f"{len(server_errors)} requests got a server error after SIGTERM"
    assert code == 0, f"exit status {code}; log:\n{output[-2000:]}"
    assert "Fatal error" not in output
