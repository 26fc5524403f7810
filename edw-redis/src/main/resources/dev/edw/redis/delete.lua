-- ARGV: pairs of id, token. Returns 1 (deleted) or 0 (lease lost) per pair.
-- One HMGET checks every token; the leased ones go with one ZREM and three HDELs.
local n = #ARGV / 2
local ids = {}
for i = 1, n do
  ids[i] = ARGV[2 * i - 1]
end
local tokens = {}
for first = 1, n, CHUNK do
  local got = redis.call('HMGET', KEYS[4], unpack(ids, first, math.min(n, first + CHUNK - 1)))
  for j = 1, #got do
    tokens[first + j - 1] = got[j]
  end
end
local gone, taken, out = {}, {}, {}
for i = 1, n do
  local id = ids[i]
  if not taken[id] and tokens[i] == ARGV[2 * i] then
    taken[id] = true
    gone[#gone + 1] = id
    out[i] = 1
  else
    out[i] = 0
  end
end
if #gone > 0 then
  call_chunked('ZREM', KEYS[2], gone, 1)
  call_chunked('HDEL', KEYS[3], gone, 1)
  call_chunked('HDEL', KEYS[4], gone, 1)
  if redis.call('HLEN', KEYS[5]) > 0 then
    call_chunked('HDEL', KEYS[5], gone, 1)
  end
end
return out
