-- Returns 1 if the queue was created, 0 if it existed (a marker, or items pushed by other tools).
-- An existing queue is left untouched: creating what exists writes nothing, so a consumer can start
-- while Redis is at maxmemory and refuses writes.
if exists() then
  return 0
end
redis.call('HSETNX', KEYS[7], 'created', num(now_ms()))
return 1
