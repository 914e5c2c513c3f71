# A stand-in for the standard library's socket module, as a planted one would be: it announces
# itself, then loads the real module by path and re-exports it (nothing else; FAKE test only).
import importlib.util
import sys
import sysconfig

print("shadow socket.py loaded", file=sys.stderr)
_path = sysconfig.get_paths()["stdlib"] + "/socket.py"
_spec = importlib.util.spec_from_file_location("socket", _path)
_real = importlib.util.module_from_spec(_spec)
sys.modules["socket"] = _real
_spec.loader.exec_module(_real)
globals().update({k: v for k, v in vars(_real).items() if not k.startswith("__")})
