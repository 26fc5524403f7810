-- ARGV: pairs of id, token. Returns 1 (deleted) or 0 (lease lost) per pair.
local out = {}
for i = 1, #ARGV, 2 do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[4], id) == ARGV[i + 1] then
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
    redis.call('HDEL', KEYS[5], id)
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
