"""Tiny asyncio line service on [::1]:8150: SET k v / GET k / QUIT. Runs a self-test client
against itself at start, logs to stdout, stops cleanly on SIGTERM (exit 0)."""
import asyncio, signal, sys

store = {}

async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    while True:
        line = await reader.readline()
        if not line:
            break
        parts = line.decode().split()
        if not parts:
            continue
        if parts[0] == "SET" and len(parts) == 3:
            store[parts[1]] = parts[2]
            writer.write(b"OK\n")
        elif parts[0] == "GET" and len(parts) == 2:
            writer.write((store.get(parts[1], "-") + "\n").encode())
        elif parts[0] == "QUIT":
            writer.write(b"BYE\n")
            await writer.drain()
            break
        else:
            writer.write(b"ERR\n")
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    print(f"kv: closed {peer[0]} port {peer[1]}", flush=True)

async def selftest():
    r, w = await asyncio.open_connection("::1", 8150)
    w.write(b"SET boot ok\nGET boot\nQUIT\n")
    await w.drain()
    print("kv: selftest", (await r.read()).decode().split(), flush=True)
    w.close()
    await w.wait_closed()

async def main():
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    server = await asyncio.start_server(handle, "::1", 8150)
    print("kv: listening on [::1]:8150", flush=True)
    await selftest()
    await stop.wait()
    server.close()
    await server.wait_closed()
    print("kv: stopped", flush=True)

asyncio.run(main())
