-- ARGV[1] most items, ARGV[2] lease (ms), ARGV[3] this call's lease token, random, shared by the
-- messages it leases: a message is leased by one receive at a time, so the receive's token tells
-- one delivery of it from the next, and the caller already holds it.
-- Returns pairs: envelope, dequeue count.
-- The batch is read and leased with a fixed number of commands (LRANGE, LTRIM, HMGET, two HSETs
-- and a ZADD), whatever its size, rather than five commands per item. The dequeue count is the
-- deliveries counted so far (only those that ended without a delete are stored) plus this one; it
-- is not written here, so a message received and deleted never has a count stored.
local now = now_ms()
reclaim(now)
local max = tonumber(ARGV[1])
local expiry = num(now + tonumber(ARGV[2]))
local items = redis.call('LRANGE', KEYS[1], 0, max - 1)
local n = #items
if n == 0 then
  return {}
end
redis.call('LTRIM', KEYS[1], n, -1)
local ids, envs = {}, {}
for i = 1, n do
  ids[i], envs[i] = identify(items[i], now)
end
-- no message of the queue has come back since the counts were last emptied: nothing to read
local before = {}
if redis.call('HLEN', KEYS[5]) > 0 then
  before = redis.call('HMGET', KEYS[5], unpack(ids))
end
local counted = {}
local token = ARGV[3]
local item_args, token_args, lease_args, out = {}, {}, {}, {}
for i = 1, n do
  local id = ids[i]
  -- an id twice in one batch (should not happen) counts twice, as two receives would
  local count = (counted[id] or tonumber(before[i]) or 0) + 1
  counted[id] = count
  item_args[#item_args + 1] = id
  item_args[#item_args + 1] = envs[i]
  token_args[#token_args + 1] = id
  token_args[#token_args + 1] = token
  lease_args[#lease_args + 1] = expiry
  lease_args[#lease_args + 1] = id
  out[#out + 1] = envs[i]
  out[#out + 1] = count
end
call_chunked('HSET', KEYS[3], item_args, 2)
call_chunked('HSET', KEYS[4], token_args, 2)
call_chunked('ZADD', KEYS[2], lease_args, 2)
redis.call('HSETNX', KEYS[7], 'created', num(now))
return out
