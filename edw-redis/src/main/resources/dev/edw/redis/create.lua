-- Returns 1 if the queue was created, 0 if it existed (a marker, or items pushed by other tools).
local existed = exists()
redis.call('HSETNX', KEYS[7], 'created', num(now_ms()))
if existed then
  return 0
end
return 1
