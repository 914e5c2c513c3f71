#!/usr/bin/env python3
"""A tiny static-site builder: renders 24 pages of pages.txt into ~/site-out/, then runs its
own `clean` step (removes every page it wrote) and builds again, as `make clean all` does."""
import os
import sys

OUT = os.path.expanduser("~/site-out")


def build(titles):
    os.makedirs(OUT, exist_ok=True)
    for n, title in enumerate(titles):
        with open(os.path.join(OUT, f"page_{n:02d}.html"), "w") as f:
            f.write(f"<html><h1>{title}</h1></html>\n")


def clean(titles):
    for n in range(len(titles)):
        os.remove(os.path.join(OUT, f"page_{n:02d}.html"))


def main():
    with open("pages.txt") as f:
        titles = [line.strip() for line in f if line.strip()]
    build(titles)
    clean(titles)
    build(titles)
    print(f"built {len(titles)} pages into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
