-- Deletes every message (visible, leased, delayed); the queue itself stays, marker included.
-- Returns how many.
local count = redis.call('LLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2])
    + redis.call('ZCARD', KEYS[6])
local existed = exists()
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
if existed then
  redis.call('HSETNX', KEYS[7], 'created', num(now_ms()))
end
return count
