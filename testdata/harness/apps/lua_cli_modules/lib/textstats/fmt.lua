local M = {}
function M.table(rows)
  local out = {}
  for i, r in ipairs(rows) do out[#out + 1] = string.format("%2d. %-12s %d", i, r[1], r[2]) end
  return table.concat(out, "\n") .. "\n"
end
return M
