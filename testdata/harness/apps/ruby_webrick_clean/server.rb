# pastebin-lite: a small WEBrick app. Reads config.json, serves public/, keeps pastes in
# data/pastes/ (one file per POST), keeps a JSON stats cache in data/cache/stats.json, logs
# to log/app.log (Logger) and its access log to stderr. WEBrick handles each connection in
# its own thread. SIGTERM shuts the server down gracefully.
require "json"
require "logger"
require "securerandom"
require "webrick"

ROOT = __dir__
CONFIG = JSON.parse(File.read(File.join(ROOT, "config.json")))
Dir.mkdir(File.join(ROOT, "log")) unless Dir.exist?(File.join(ROOT, "log"))
%w[data data/pastes data/cache].each do |d|
  path = File.join(ROOT, d)
  Dir.mkdir(path) unless Dir.exist?(path)
end
LOG = Logger.new(File.join(ROOT, "log", "app.log"))
STATS = Mutex.new
$hits = 0

def save_stats
  STATS.synchronize do
    $hits += 1
    File.write(File.join(ROOT, "data/cache/stats.json"), JSON.generate(hits: $hits, at: Time.now.to_i))
  end
end

server = WEBrick::HTTPServer.new(
  BindAddress: CONFIG["bind"], Port: CONFIG["port"], DocumentRoot: File.join(ROOT, "public"),
  Logger: WEBrick::Log.new($stderr, WEBrick::Log::INFO),
  AccessLog: [[$stderr, WEBrick::AccessLog::COMMON_LOG_FORMAT]]
)

server.mount_proc "/api/status" do |_req, res|
  save_stats
  res["Content-Type"] = "application/json"
  res.body = JSON.generate(app: CONFIG["name"], ruby: RUBY_VERSION, threads: Thread.list.size)
end

server.mount_proc "/paste" do |req, res|
  if req.request_method == "POST"
    id = SecureRandom.hex(6)
    body = (req.body || "")[0, CONFIG["max_paste_bytes"]]
    File.write(File.join(ROOT, "data/pastes", "#{id}.txt"), body)
    LOG.info("paste #{id} saved (#{body.bytesize} bytes) from #{req.peeraddr[3]}")
    res.status = 201
    res.body = "#{id}\n"
  else
    res.status = 405
  end
end

trap("TERM") do
  server.shutdown
end
LOG.info("#{CONFIG['name']} starting on #{CONFIG['bind']}:#{CONFIG['port']}")
server.start
LOG.info("#{CONFIG['name']} stopped")
