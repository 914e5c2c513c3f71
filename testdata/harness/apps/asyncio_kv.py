import asyncio, json, logging, os
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
log = logging.getLogger("kv")
store = {}
async def handle(reader, writer):
    data = await reader.readline()
    cmd = json.loads(data)
    if cmd["op"] == "set": store[cmd["k"]] = cmd["v"]; resp = {"ok": True}
    else: resp = {"ok": True, "v": store.get(cmd["k"])}
    writer.write((json.dumps(resp) + "\n").encode()); await writer.drain(); writer.close()
    log.info("served %s", cmd["op"])
async def client():
    for i in range(3):
        r, w = await asyncio.open_connection("127.0.0.1", 8765)
        w.write((json.dumps({"op": "set", "k": f"k{i}", "v": i}) + "\n").encode()); await w.drain()
        await r.readline(); w.close()
    try:
        await asyncio.open_connection("127.0.0.1", 8766)
    except OSError as e:
        log.warning("backup node down: %s", e)
async def main():
    srv = await asyncio.start_server(handle, "127.0.0.1", 8765)
    log.info("listening on 127.0.0.1:8765")
    await client()
    await asyncio.sleep(0.5)
    srv.close(); await srv.wait_closed()
    log.info("bye")
asyncio.run(main())
