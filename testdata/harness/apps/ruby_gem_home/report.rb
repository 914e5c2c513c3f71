# latency-report: reads data/latency.txt (one number per line), prints mean, median and a
# histogram with the tinystats gem from the app's own GEM_HOME, writes out/report.txt.
require "json"
require "tinystats"

xs = File.readlines(File.join(__dir__, "data", "latency.txt")).map(&:to_f)
lines = ["mean #{TinyStats.mean(xs).round(2)}", "median #{TinyStats.median(xs)}"]
lines += TinyStats.histogram(xs).zip(xs).map { |bar, x| format("%6.1f %s", x, bar) }
Dir.mkdir(File.join(__dir__, "out")) unless Dir.exist?(File.join(__dir__, "out"))
File.write(File.join(__dir__, "out", "report.txt"), lines.join("\n") + "\n")
puts lines
puts JSON.generate({ samples: xs.size, gem: Gem.loaded_specs["tinystats"].full_name })
