"""Signs in through the real form and creates a personal access token on the settings page; prints it."""
import re
import sys

import requests

from demo import PASSWORD


def session_for(base, email):
    s = requests.Session()
    page = s.get(f"{base}/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = s.post(f"{base}/sign-in", data={"email": email, "password": PASSWORD, "csrf": csrf, "next": "/"})
    r.raise_for_status()
    return s, csrf


def create_token(base, email):
    s, _ = session_for(base, email)
    settings = s.get(f"{base}/settings")
    csrf = re.search(r'name="csrf" value="([^"]+)"', settings.text).group(1)
    page = s.post(f"{base}/settings/tokens", data={"name": "schemathesis", "csrf": csrf})
    return re.search(r"fpp_[A-Za-z0-9_-]+", page.text).group(0)


if __name__ == "__main__":
    print(create_token(sys.argv[1], sys.argv[2]))
