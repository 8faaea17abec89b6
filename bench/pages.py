"""Signs in as the given staff member and prints the Cookie header, then one line per page to load: a short
name and the path. Pages are found by following links, so this works on the demo and on generated programs."""
import re
import sys

sys.path.insert(0, "browser")
import api_token  # noqa: E402

base, email, role = sys.argv[1], sys.argv[2], sys.argv[3]
if len(sys.argv) > 4:
    api_token.PASSWORD = sys.argv[4]
session, _ = api_token.session_for(base, email)
print("Cookie: " + "; ".join(f"{c.name}={c.value}" for c in session.cookies))
pages = [("home", "/")]
# The home page lists the families the staff member may see, and searches them by name.
match = re.search(r'href="(/families/[0-9a-f-]{36})"', session.get(f"{base}/").text)
if match:
    family = match.group(1)
    pages += [("family search", "/?q=gar"), ("family page", family), ("agreement", family + "/agreement")]
pages += [("visits", "/visits"), ("week", "/visits/week")]
if role == "director":
    pages += [("family services report", "/reports/family-services"), ("visit hours report", "/visit-hours")]
for name, path in pages:
    print(name.replace(" ", "_"), path)
