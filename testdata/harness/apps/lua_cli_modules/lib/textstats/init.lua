local M = {}
function M.count(text, counts)
  for w in text:lower():gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
end
function M.size(counts)
  local n = 0
  for _ in pairs(counts) do n = n + 1 end
  return n
end
function M.top(counts, k)
  local list = {}
  for w, c in pairs(counts) do list[#list + 1] = {w, c} end
  table.sort(list, function(a, b) return a[2] > b[2] or (a[2] == b[2] and a[1] < b[1]) end)
  return {table.unpack(list, 1, math.min(k, #list))}
end
return M
