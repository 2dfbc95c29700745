"""The tutorial's listing, as the tutorial writes it: log in, then read one page
of the default size (25) at a time, following nextUri until there is none.
Usage: tutorial-walk.py API_URL CLIENT_ID CLIENT_SECRET; prints the count."""
import base64
import json
import sys
import urllib.request

api, client_id, secret = sys.argv[1:4]
basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
login = urllib.request.Request(
    f"{api}/oauth/token",
    data=b"grant_type=client_credentials",
    headers={"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
)
token = json.load(urllib.request.urlopen(login))["access_token"]
uri = "/api/v2/authorization/divisions"
count = 0
while uri:
    page = json.load(
        urllib.request.urlopen(
            urllib.request.Request(f"{api}{uri}", headers={"Authorization": f"Bearer {token}"})
        )
    )
    count += len(page["entities"])
    uri = page.get("nextUri")
print(count)
