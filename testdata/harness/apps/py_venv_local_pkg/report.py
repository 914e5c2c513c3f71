"""sales-report: sums input/*.csv per region into out/report.txt with the venv's tinyfmt."""
import csv
import pathlib
import sys

import tinyfmt

totals = {}
for f in sorted(pathlib.Path("input").glob("*.csv")):
    with f.open(newline="") as fh:
        for row in csv.DictReader(fh):
            totals[row["region"]] = totals.get(row["region"], 0) + int(row["amount"])
out = pathlib.Path("out")
out.mkdir(exist_ok=True)
text = tinyfmt.render(["region", "total"], sorted(totals.items()))
(out / "report.txt").write_text(text)
print(f"tinyfmt {tinyfmt.__version__}: {len(totals)} regions", file=sys.stderr)
print(text, end="")
