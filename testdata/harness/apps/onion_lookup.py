import socket
for name in ("q7xkd2mpl4zrwy3a.onion", "q7xkd2mpl4zrwy3a.onion.ws", "updates.example.net"):
    try:
        socket.getaddrinfo(name, 443, proto=socket.IPPROTO_TCP)
    except OSError as e:
        print(name, e)
