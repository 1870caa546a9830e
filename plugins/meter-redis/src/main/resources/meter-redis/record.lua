-- Reported usage, once per event id: adds to the totals, touches no limit counter.
-- KEYS[1] event hash, KEYS[2..6] the totals of the five window sizes.
-- ARGV: units, at (ms), event memory (ms), event ttl (ms), totals ttl x5. Answers {1} for a duplicate, {0} when counted.
local at = tonumber(ARGV[2])
local seen = redis.call('HGET', KEYS[1], 'at')
if seen and tonumber(seen) >= at - tonumber(ARGV[3]) then
  return {1}
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'at', ARGV[2], 'v', 'RECORDED')
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if tonumber(ARGV[1]) > 0 then
  for j = 1, 5 do
    redis.call('INCRBY', KEYS[1 + j], ARGV[1])
    redis.call('PEXPIRE', KEYS[1 + j], ARGV[4 + j])
  end
end
return {0}
