-- ARGV: triples of id, delay (ms), body encoded as a JSON string. Returns the number sent, or -1
-- when the queue does not exist. The messages without a delay go with one RPUSH, in order.
if not exists() then
  return -1
end
local now = now_ms()
local enqueued = num(now)
local sent = 0
local visible = {}
for i = 1, #ARGV, 3 do
  local id = ARGV[i]
  local delay = tonumber(ARGV[i + 1])
  local item = envelope(id, enqueued, ARGV[i + 2])
  if delay > 0 then
    redis.call('HSET', KEYS[3], id, item)
    redis.call('ZADD', KEYS[6], num(now + delay), id)
  else
    visible[#visible + 1] = item
  end
  sent = sent + 1
end
call_chunked('RPUSH', KEYS[1], visible, 1)
return sent
