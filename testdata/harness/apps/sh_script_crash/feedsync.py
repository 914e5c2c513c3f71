"""feedsync: polls RSS feeds and stores new items (needs `requests`)."""
import json
import sys

import requests

FEEDS = ["http://127.0.0.1:8080/feed.xml"]


def main():
    for url in FEEDS:
        r = requests.get(url, timeout=5)
        print(json.dumps({"url": url, "status": r.status_code}))


if __name__ == "__main__":
    sys.exit(main())
