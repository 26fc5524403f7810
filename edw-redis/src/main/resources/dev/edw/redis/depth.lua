-- Returns visible, in flight, delayed: exact, after expired leases and due messages moved back.
reclaim(now_ms())
return {redis.call('LLEN', KEYS[1]), redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[6])}
