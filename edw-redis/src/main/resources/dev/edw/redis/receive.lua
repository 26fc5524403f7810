-- ARGV[1] most items, ARGV[2] lease (ms), ARGV[3] token prefix of this call.
-- Returns triples: envelope, dequeue count, lease token.
local now = now_ms()
reclaim(now)
local max = tonumber(ARGV[1])
local expiry = num(now + tonumber(ARGV[2]))
local out = {}
for i = 1, max do
  local item = redis.call('LPOP', KEYS[1])
  if not item then
    break
  end
  local id, env = identify(item, now)
  local count = redis.call('HINCRBY', KEYS[5], id, 1)
  local token = ARGV[3] .. '.' .. i
  redis.call('HSET', KEYS[3], id, env)
  redis.call('HSET', KEYS[4], id, token)
  redis.call('ZADD', KEYS[2], expiry, id)
  out[#out + 1] = env
  out[#out + 1] = count
  out[#out + 1] = token
end
if #out > 0 then
  redis.call('HSETNX', KEYS[7], 'created', num(now))
end
return out
