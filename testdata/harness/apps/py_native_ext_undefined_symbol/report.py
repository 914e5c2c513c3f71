#!/usr/bin/env python3
"""Nightly sales report: sums input/sales.csv with the native fastcsv module."""
import csv
import sys

sys.path.insert(0, "lib")
import fastcsv  # noqa: E402  (native, lib/fastcsv.cpython-311-x86_64-linux-gnu.so)


def main():
    with open("input/sales.csv", newline="") as f:
        amounts = [float(row["amount"]) for row in csv.DictReader(f)]
    with open("out/report.txt", "w") as out:
        out.write(f"rows={len(amounts)} total={fastcsv.column_sum(amounts):.2f}\n")


if __name__ == "__main__":
    main()
