#!/usr/bin/env python3
"""Batch exporter: reads input/orders.csv and writes out/orders.jsonl in batches.

Two worker threads share an index lock and a writer lock but take them in opposite
order (the bug): after the first batch's progress line both wait for ever.
"""
import csv
import json
import os
import threading
import time

index_lock = threading.Lock()
writer_lock = threading.Lock()
rows = list(csv.DictReader(open("input/orders.csv")))
os.makedirs("out", exist_ok=True)
out = open("out/orders.jsonl", "w")
print("exporting batch 1/1", flush=True)


def writer():
    with writer_lock:
        time.sleep(0.05)
        with index_lock:
            for r in rows:
                out.write(json.dumps(r) + "\n")


def indexer():
    with index_lock:
        time.sleep(0.05)
        with writer_lock:
            out.flush()


threads = [threading.Thread(target=writer), threading.Thread(target=indexer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
out.close()
print("done", flush=True)
