-- ARGV[1] new lease (ms; 0 releases at once), then pairs of id, token.
-- Returns 1 (changed) or 0 (lease lost) per pair. A released message goes to the list's head, its
-- delivery counted.
local now = now_ms()
local lease = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV, 2 do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[4], id) == ARGV[i + 1] then
    if lease <= 0 then
      local item = redis.call('HGET', KEYS[3], id)
      redis.call('ZREM', KEYS[2], id)
      redis.call('HDEL', KEYS[3], id)
      redis.call('HDEL', KEYS[4], id)
      if item then
        redis.call('HINCRBY', KEYS[5], id, 1)
        redis.call('LPUSH', KEYS[1], item)
      end
    else
      redis.call('ZADD', KEYS[2], num(now + lease), id)
    end
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
