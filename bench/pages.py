"""Signs in as the demo's family service worker and prints the Cookie header, then one line per page to load:
a short name and the path."""
import re
import sys

sys.path.insert(0, "browser")
from api_token import session_for  # noqa: E402

base = sys.argv[1]
session, _ = session_for(base, "monica@demo.fpp.test")
family = re.search(r'href="(/families/[0-9a-f-]{36})"', session.get(f"{base}/?q=Alvarez").text).group(1)
visit = re.search(r'href="(/families/[0-9a-f-]{36}/visits/[0-9a-f-]{36})"', session.get(base + family).text).group(1)
print("Cookie: " + "; ".join(f"{c.name}={c.value}" for c in session.cookies))
for name, path in [("home (to-do lists, families)", "/"), ("family page", family), ("visit page", visit),
                   ("schedule form", family + "/visits/new"), ("visits (next 30 days)", "/visits"),
                   ("visit hours report", "/visit-hours")]:
    print(name.replace(" ", "_"), path)
