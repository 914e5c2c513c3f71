# Looks up the chat APIs stealers post their loot to (a Telegram bot's sendDocument, a
# Discord webhook), then an ordinary name. Run in a sandbox whose resolver is a loopback
# address, so the queries are sent (and seen) but nothing answers.
import socket

for name in ("api.telegram.org", "discord.com", "updates.example.net"):
    try:
        socket.getaddrinfo(name, 443, proto=socket.IPPROTO_TCP)
    except OSError as e:
        print(name, e)
