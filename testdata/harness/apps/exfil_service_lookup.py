# Looks up the request catchers, out-of-band (OAST) callback domains and anonymous file drops
# that malicious npm/PyPI packages post stolen data to (webhook.site, a pipedream endpoint,
# interactsh's oast.fun, Burp Collaborator's oastify.com, transfer.sh), then one ordinary
# name. Run in a sandbox whose resolver is a loopback address, so the queries are sent (and
# seen) but nothing answers; nothing leaves the machine.
import socket

for name in ("webhook.site", "eo3k9x2mv8q1.m.pipedream.net", "c9r2l5m0q7w3x8.oast.fun",
             "x8f2k1q9zz.oastify.com", "transfer.sh", "updates.example.net"):
    try:
        socket.getaddrinfo(name, 443, proto=socket.IPPROTO_TCP)
    except OSError as e:
        print(name, e)
