# What a headless program has no reason to reach: the desktop session's sockets. The X server
# (keystrokes, screenshots, the clipboard: by its path and by its abstract name), Wayland, the
# D-Bus session bus (the Secret Service keyring, notifications) and system bus, and the sound
# servers (the microphone). Run in a sandbox without a desktop every attempt fails; the
# attempt is the finding.
import os, socket

uid = os.getuid()
for path in ("/tmp/.X11-unix/X0", "\0/tmp/.X11-unix/X0", f"/run/user/{uid}/wayland-0", f"/run/user/{uid}/bus",
             "/run/dbus/system_bus_socket", f"/run/user/{uid}/pulse/native", f"/run/user/{uid}/pipewire-0"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        print("connected", repr(path))
    except OSError as e:
        print("refused", repr(path), e.strerror)
    s.close()
