#!/usr/bin/python3
"""Untraced loopback sink of the sh_tar_nc_exfil case: the sh_reverse_shells case's
c2_listener.py (copied next to it by the harness), run with --send '' so that it only reads
what the connection brings and prints its size. (The capture was made when this file was a
copy of that listener.)"""
import runpy

runpy.run_path("/opt/harness/c2_listener.py", run_name="__main__")
