-- ARGV[1] most items. Returns pairs: envelope, dequeue count so far. Plain items are wrapped in
-- place (same position) so that a peeked item keeps its id when it is received.
local now = now_ms()
reclaim(now)
local items = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
local out = {}
for i = 1, #items do
  local id, env = identify(items[i], now)
  if env ~= items[i] then
    redis.call('LSET', KEYS[1], i - 1, env)
  end
  out[#out + 1] = env
  out[#out + 1] = tonumber(redis.call('HGET', KEYS[5], id) or '0')
end
return out
