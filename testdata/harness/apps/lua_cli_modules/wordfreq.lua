-- wordfreq: counts words of input/*.txt (listed in input/files.lst) with its own modules from
-- lib/ (package.path set here), writes out/top.txt. Lua 5.4, standard library only.
package.path = "./lib/?.lua;./lib/?/init.lua;" .. package.path
local textstats = require("textstats")
local fmt = require("textstats.fmt")

local counts = {}
for name in io.lines("input/files.lst") do
  local f = assert(io.open("input/" .. name, "r"))
  textstats.count(f:read("a"), counts)
  f:close()
end
local top = textstats.top(counts, 5)
assert(io.open("out/top.txt", "w")):write(fmt.table(top)):close()
io.stderr:write(string.format("wordfreq: %d distinct words, top %d written\n", textstats.size(counts), #top))
