"""An ordinary batch tool: logs who/where it runs, uses a worker pool, caches, rotates its log."""
import getpass, os, pwd, socket, platform, subprocess, tempfile, time, json, locale, logging
import logging.handlers, multiprocessing, concurrent.futures, shutil

def square(x):
    return x * x

def main():
    locale.setlocale(locale.LC_ALL, "")
    user = getpass.getuser()
    home = os.path.expanduser("~")
    shell = pwd.getpwuid(os.getuid()).pw_shell
    host = socket.gethostname()
    os.environ.setdefault("TZ", "UTC")
    time.tzset()
    kernel = subprocess.run(["uname", "-sr"], capture_output=True, text=True).stdout.strip()
    ident = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    ncpu = os.cpu_count()
    with open("/proc/cpuinfo") as f:
        model = next((l for l in f if l.startswith("model name")), "").strip()
    with open("/proc/self/status") as f:
        f.read()
    try:
        with open("/sys/devices/system/cpu/online") as f:
            f.read()
    except OSError:
        pass
    # own config and cache (XDG)
    cfg = os.path.join(home, ".config", "batchtool")
    cache = os.path.join(home, ".cache", "batchtool")
    os.makedirs(cfg, exist_ok=True)
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(cfg, "settings.json"), "w") as f:
        json.dump({"workers": 2}, f)
    with open(os.path.join(cache, "results.json.tmp"), "w") as f:
        json.dump({"n": 10}, f)
    os.replace(os.path.join(cache, "results.json.tmp"), os.path.join(cache, "results.json"))
    # own log, rotated
    logdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "logs")
    os.makedirs(logdir, exist_ok=True)
    h = logging.handlers.RotatingFileHandler(os.path.join(logdir, "app.log"), maxBytes=300, backupCount=2)
    log = logging.getLogger("batch"); log.addHandler(h); log.setLevel(logging.INFO)
    log.info("start user=%s home=%s shell=%s host=%s kernel=%s id=%s cpus=%s %s", user, home, shell, host, kernel, ident, ncpu, model)
    with tempfile.TemporaryDirectory() as td:
        with open(os.path.join(td, "chunk.bin"), "wb") as f:
            f.write(b"x" * 1024)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        res = pool.map(square, range(10))
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        res2 = list(ex.map(square, range(10)))
    for i in range(8):
        log.info("processed batch %d result %s", i, sum(res) + sum(res2))
    print("done", sum(res))

if __name__ == "__main__":
    main()
