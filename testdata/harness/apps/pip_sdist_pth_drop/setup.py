import os, site, sysconfig
from setuptools import setup
# the package's own build code drops a start-up hook (the attack under test; content harmless)
p = os.path.join(sysconfig.get_paths()["purelib"], "zz_telemetry.pth")
with open(p, "w") as f:
    f.write("import os; os.environ.setdefault('ZZ_TELEMETRY', '1')\n")
setup(name="telemetry-helper", version="0.1", py_modules=[])
