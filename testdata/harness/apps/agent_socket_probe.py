# Uses the user's credential agents the way a stealer does: lists the ssh-agent's keys over
# $SSH_AUTH_SOCK (SSH2_AGENTC_REQUEST_IDENTITIES) and asks gpg-agent for its version over
# /run/user/1001/gnupg/S.gpg-agent, tries the GNOME keyring's and ~/.gnupg's agent sockets
# (absent); then runs ssh-add -l and gpg-connect-agent, the agents' own clients (not
# findings). Capture (as root; auditor is uid 1001):
#   mkdir -m 700 /run/user/1001; chown auditor: /run/user/1001
#   setpriv --reuid=1001 --regid=1001 --clear-groups env HOME=/home/auditor ssh-agent -s
#   setpriv --reuid=1001 --regid=1001 --clear-groups env HOME=/home/auditor gpg-agent --daemon
#   env -i PATH=/usr/bin:/bin HOME=/home/auditor LANG=C.UTF-8 XDG_RUNTIME_DIR=/run/user/1001
#     SSH_AUTH_SOCK=<the agent's socket> strace -f -tt -T -y -o OUT setpriv --reuid=1001
#     --regid=1001 --clear-groups /usr/bin/python3 agent_socket_probe.py
#   (then kill both agents and remove /run/user/1001)
# testdata/formats/strace/f_tt_T_y_agent_socket.txt.
import os, socket, struct, subprocess


def ask(path, request):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        s.sendall(request)
        print(path, s.recv(200)[:40])
    except OSError as e:
        print(path, e.strerror)
    finally:
        s.close()


ask(os.environ["SSH_AUTH_SOCK"], struct.pack(">IB", 1, 11))
ask("/run/user/1001/gnupg/S.gpg-agent", b"GETINFO version\n")
ask("/run/user/1001/keyring/ssh", struct.pack(">IB", 1, 11))
ask("/home/auditor/.gnupg/S.gpg-agent.ssh", struct.pack(">IB", 1, 11))
subprocess.run(["ssh-add", "-l"], timeout=5)
subprocess.run(["gpg-connect-agent", "GETINFO version", "/bye"], timeout=5)
