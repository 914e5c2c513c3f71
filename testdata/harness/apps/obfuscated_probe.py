# Runs encoded payloads the ways droppers do: a shell pipeline through base64 -d, python -c
# exec(b64decode(...)), perl -e eval(pack(...)); then an ordinary date. Capture:
# strace -f -tt -T -y -o OUT /usr/bin/python3 obfuscated_probe.py
# (testdata/formats/strace/f_tt_T_y_obfuscated.txt).
import subprocess
subprocess.run(["/bin/sh", "-c", "echo ZWNobyBzdGFnZTIK | base64 -d | sh"])
subprocess.run(["/usr/bin/python3", "-c", "import base64;exec(base64.b64decode('cHJpbnQoJ2lubGluZScp'))"])
subprocess.run(["/usr/bin/perl", "-e", "eval(pack('H*','7072696e7420227065726c5c6e223b'))"])
subprocess.run(["/usr/bin/date", "+%s"])
