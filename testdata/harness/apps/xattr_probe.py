# Sets and removes extended attributes the ways a program can: a user.* tag (harmless), file
# capabilities (security.capability: root on demand when it lands on an interpreter), a
# trusted.* and a security.selinux label (need CAP_SYS_ADMIN / a policy). Run unprivileged,
# every privileged one is refused with EPERM.
import os, shutil, struct
shutil.copy("/usr/bin/python3", "py3")
open("notes.txt", "w").write("x\n")
os.setxattr("notes.txt", "user.origin", b"download")
# vfs_cap_data revision 2: magic 0x02000001 | effective, permitted CAP_SETUID (bit 7), inheritable 0
cap = struct.pack("<IIIII", 0x02000001, 1 << 7, 0, 0, 0)
for call in (lambda: os.setxattr("py3", "security.capability", cap),
             lambda: os.setxattr("py3", "security.capability", cap, follow_symlinks=False),
             lambda: os.setxattr("notes.txt", "trusted.overlay.opaque", b"y"),
             lambda: os.setxattr("notes.txt", "security.selinux", b"system_u:object_r:shell_exec_t:s0")):
    try:
        call()
    except OSError as e:
        print("refused:", e)
fd = os.open("notes.txt", os.O_RDONLY)
try:
    os.setxattr(fd, "security.capability", cap)
except OSError as e:
    print("refused fd:", e)
os.setxattr(fd, "user.seen", b"1")
os.removexattr(fd, "user.seen")
os.close(fd)
os.removexattr("notes.txt", "user.origin")
try:
    os.removexattr("py3", "security.capability", follow_symlinks=False)
except OSError as e:
    print("refused remove:", e)
print(os.listxattr("notes.txt"))
