-- One consumption decision, atomically (Redis runs a script alone): replay check, check every
-- limit, consume from all or none, add to the totals, remember the decision under the event id.
-- KEYS[1] event hash (unused without an event id), KEYS[2..n+1] the limits' counters,
-- KEYS[n+2..n+6] the totals of the five window sizes.
-- ARGV: cost, at (ms), event memory (ms), event ttl (ms), has event (0/1), n, totals ttl x5,
-- then per limit 7 fields: name, max, enforced (0/1), verdict if full, reset (ms), ttl (ms), window rank.
local cost = tonumber(ARGV[1])
local at = tonumber(ARGV[2])
local hasEvent = ARGV[5] == '1'
local n = tonumber(ARGV[6])
local base = 11

if hasEvent then
  local seen = redis.call('HMGET', KEYS[1], 'at', 'v', 'n', 'l', 'r', 's')
  -- an id older than the memory counts as new, as in the in-process meter
  if seen[1] and tonumber(seen[1]) >= at - tonumber(ARGV[3]) then
    if seen[2] == 'RECORDED' then
      return {'1', 'ALLOWED', '', '0', '0', ''}
    end
    return {'1', seen[2], seen[3], seen[4], seen[5], seen[6]}
  end
end

local function remember(v, name, limit, remaining, reset)
  if hasEvent then
    redis.call('DEL', KEYS[1])
    redis.call('HSET', KEYS[1], 'at', ARGV[2], 'v', v, 'n', name, 'l', limit, 'r', remaining, 's', reset)
    redis.call('PEXPIRE', KEYS[1], ARGV[4])
  end
  return {'0', v, name, limit, remaining, reset}
end

local function whole(x)
  return string.format('%.0f', x)
end

for i = 1, n do
  local b = base + (i - 1) * 7
  local used = tonumber(redis.call('GET', KEYS[1 + i]) or '0')
  local max = tonumber(ARGV[b + 2])
  if ARGV[b + 3] == '1' and used + cost > max then
    return remember(ARGV[b + 4], ARGV[b + 1], ARGV[b + 2], whole(math.max(0, max - used)), ARGV[b + 5])
  end
end

local best = nil
local bestRemaining = 0
local bestRank = 0
for i = 1, n do
  local b = base + (i - 1) * 7
  local after = redis.call('INCRBY', KEYS[1 + i], cost)
  redis.call('PEXPIRE', KEYS[1 + i], ARGV[b + 6])
  local remaining = math.max(0, tonumber(ARGV[b + 2]) - after)
  local rank = tonumber(ARGV[b + 7])
  -- the limit nearest to refusing; on a tie the longer window (the quota) says more
  if best == nil or remaining < bestRemaining or (remaining == bestRemaining and rank > bestRank) then
    best = b
    bestRemaining = remaining
    bestRank = rank
  end
end
if cost > 0 then
  for j = 1, 5 do
    redis.call('INCRBY', KEYS[n + 1 + j], cost)
    redis.call('PEXPIRE', KEYS[n + 1 + j], ARGV[6 + j])
  end
end
if best == nil then
  return remember('ALLOWED', '', '0', '0', '')
end
return remember('ALLOWED', ARGV[best + 1], ARGV[best + 2], whole(bestRemaining), ARGV[best + 5])
