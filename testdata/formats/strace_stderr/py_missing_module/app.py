import sys
print("report-gen 0.3 starting")
print("warn: REPORT_DIR not set, writing to ./out", file=sys.stderr)
import json, os
os.makedirs("/tmp/report-out", exist_ok=True)
import yaml_loader_missing  # never installed: ModuleNotFoundError
