"""Reads a server's log after a full test run and fails if it holds any family's personal data or a secret.

Arguments: the server's base URL and its log file. The families of the demo (household names, the names, phone
numbers and emails of their members, addresses) are read through the API as the director; the log after
"Server started" must contain none of them, and no token of the app's form ("fpp_…", API tokens and calendar
feed addresses). The sign-in table that `fpp serve --demo` prints before it starts names the demo's staff on
purpose, and is not scanned."""
import re
import sys

import requests

from api_token import create_token


def personal_data(base, token):
    headers = {"Authorization": f"Bearer {token}"}
    values, cursor = set(), None
    while True:
        params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = requests.get(f"{base}/api/v1/families", headers=headers, params=params, timeout=30).json()
        for family in page["items"]:
            values.update(family.get(k) for k in ["household_name", "address_line", "phone", "alternate_phone", "email"])
            members = requests.get(f"{base}/api/v1/families/{family['id']}/members", headers=headers,
                                   params={"limit": 200}, timeout=30).json()
            for member in members["items"]:
                values.update(member.get(k) for k in ["name", "phone", "email"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
    # Short values ("Li") could match anything; every name, phone and address of the demo is longer.
    return {v for v in values if isinstance(v, str) and len(v) >= 6}


def main(base, log_file):
    text = open(log_file, encoding="utf-8", errors="replace").read()
    started = text.find("Server started")
    assert started >= 0, "the log has no 'Server started' line"
    log = text[started:]
    values = personal_data(base, create_token(base, "director@demo.fpp.test"))
    assert len(values) > 200, f"only {len(values)} values to look for: the API did not answer as expected"
    found = sorted(v for v in values if v in log)
    secrets = sorted(set(re.findall(r"fpp_[A-Za-z0-9_-]{20,}", log)))
    lines = log.count("\n")
    print(f"log: {lines} lines after start; looked for {len(values)} names, phones, emails and addresses and for tokens")
    assert not found, f"the log holds personal data: {found[:10]}"
    assert not secrets, f"the log holds secrets: {[s[:8] + '…' for s in secrets]}"
    assert lines > 1000, "the log is too short to be a full run's"


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
