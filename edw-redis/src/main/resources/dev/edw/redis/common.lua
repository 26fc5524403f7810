-- Shared by every queue script. Keys, always in this order:
--   KEYS[1] the list of visible items (plain strings or edw envelopes), taken from the left
--   KEYS[2] <list>:leases   sorted set, message id -> lease expiry (ms, Redis server time)
--   KEYS[3] <list>:items    hash, message id -> envelope, for leased and delayed messages
--   KEYS[4] <list>:tokens   hash, message id -> token of its current lease
--   KEYS[5] <list>:counts   hash, message id -> deliveries that ended without a delete (a lease
--                           that ran out, or a release); absent for a message never returned
--   KEYS[6] <list>:delayed  sorted set, message id -> time it becomes visible (ms)
--   KEYS[7] <list>:meta     hash: created (ms), seq (ids handed to plain items)
local PREFIX = '{"edw":"'

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function num(n)
  return string.format('%.0f', n)
end

-- Most arguments one redis.call gets from a Lua table (unpack has a stack limit).
local CHUNK = 1000

-- redis.call(command, key, args...) with args taken from the table, CHUNK at a time; step keeps
-- field-value pairs together. One command per chunk instead of one per item.
local function call_chunked(command, key, args, step)
  for first = 1, #args, CHUNK * step do
    local last = math.min(#args, first + CHUNK * step - 1)
    redis.call(command, key, unpack(args, first, last))
  end
end

-- t is the enqueue time already formatted with num(), so that a send formats it once.
local function envelope(id, t, encoded_body)
  return PREFIX .. id .. '","t":' .. t .. ',"body":' .. encoded_body .. '}'
end

-- The id and envelope of a list item. An item pushed by another tool (a plain string) gets an id
-- made of a hash of its text and a per-queue sequence number, and is wrapped in an envelope, so
-- the id stays the same on every later delivery.
local function identify(item, now)
  -- the shape edw writes, matched without decoding the body (the common case, made cheap)
  local own = string.match(item, '^{"edw":"([^"\\]+)","t":%d+,"body":"')
  if own and string.sub(item, -2) == '"}' then
    return own, item
  end
  if string.sub(item, 1, #PREFIX) == PREFIX then
    local ok, decoded = pcall(cjson.decode, item)
    if ok and type(decoded) == 'table' and type(decoded.edw) == 'string'
        and type(decoded.body) == 'string' then
      return decoded.edw, item
    end
  end
  local seq = redis.call('HINCRBY', KEYS[7], 'seq', 1)
  local id = 'p' .. string.sub(redis.sha1hex(item), 1, 16) .. '-' .. seq
  return id, envelope(id, num(now), cjson.encode(item))
end

-- Expired leases go back to the head of the list (earliest expiry leftmost), delayed messages that
-- are due go to its tail. Every script that reads state calls this first, so a crashed worker's
-- message comes back without a separate janitor. A message whose lease ran out has its delivery
-- counted here, not at its receive, so the common path (received, then deleted) writes no count.
local function reclaim(now)
  local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', num(now))
  for i = #expired, 1, -1 do
    local id = expired[i]
    local item = redis.call('HGET', KEYS[3], id)
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
    if item then
      redis.call('HINCRBY', KEYS[5], id, 1)
      redis.call('LPUSH', KEYS[1], item)
    end
  end
  local due = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', num(now))
  for i = 1, #due do
    local id = due[i]
    local item = redis.call('HGET', KEYS[3], id)
    redis.call('ZREM', KEYS[6], id)
    redis.call('HDEL', KEYS[3], id)
    if item then
      redis.call('RPUSH', KEYS[1], item)
    end
  end
end

local function exists()
  return redis.call('EXISTS', KEYS[7], KEYS[1], KEYS[2], KEYS[6]) > 0
end
