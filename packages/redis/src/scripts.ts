import { Script } from './adapter.js';

/**
 * The lease scripts. Keys of one account share a hash tag, so each script touches one Cluster slot.
 * The lease key holds the fence of the current grant; the fence key counts grants; the mark key
 * holds a "pull again" mark: `1`, or `<receivedAt>|<Token>` when a callback Token came with it.
 */

/**
 * KEYS: lease, fence, mark. ARGV: ttl, mark (`1` or `<receivedAt>|<Token>`), fence TTL, mark TTL.
 * Grants the lease (returns `{ fence, mark or '' }`), or leaves the mark (keeping the newer Token)
 * and returns nil.
 */
export const ACQUIRE = new Script(`
local held = redis.call('GET', KEYS[1])
if held then
  local old = redis.call('GET', KEYS[3])
  local keep = ARGV[2]
  if old and old ~= '1' then
    local oldAt = tonumber(string.match(old, '^(%d+)|'))
    local newAt = tonumber(string.match(ARGV[2], '^(%d+)|'))
    if newAt == nil or (oldAt ~= nil and oldAt > newAt) then keep = old end
  end
  redis.call('SET', KEYS[3], keep, 'PX', ARGV[4])
  return false
end
local fence = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], fence, 'PX', ARGV[1])
local left = redis.call('GET', KEYS[3])
if left then redis.call('DEL', KEYS[3]) else left = '' end
return { fence, left }
`);

/**
 * KEYS: lease, fence. ARGV: fence, ttl. Extends the grant; an expired grant nobody replaced since
 * (the fence counter still at it) is granted again. Returns 1 when held, 0 when lost.
 */
export const RENEW = new Script(`
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if (not held) and redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`);

/**
 * KEYS: lease, mark. ARGV: fence. Releases the grant (if it is still this one) and takes the mark
 * left since: returns `{ 1, mark }` or `{ 0, '' }`. A replaced grant leaves the mark to its holder.
 */
export const RELEASE = new Script(`
local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return { 0, '' } end
if held then redis.call('DEL', KEYS[1]) end
local left = redis.call('GET', KEYS[2])
if not left then return { 0, '' } end
redis.call('DEL', KEYS[2])
return { 1, left }
`);

/**
 * KEYS: lease, fence, cursor. ARGV: fence, cursor, cursor TTL, lease TTL. Writes the cursor only
 * under the current grant (an expired one nobody replaced is granted again); 1 written, 0 refused.
 */
export const SET_CURSOR_FENCED = new Script(`
local held = redis.call('GET', KEYS[1])
if held ~= ARGV[1] then
  if held or redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
end
redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
return 1
`);

/** KEYS: lock. ARGV: owner. Deletes the lock only if this owner still holds it. */
export const UNLOCK = new Script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * KEYS: handled-msgid keys of one account. ARGV: TTL in ms. `SET key 1 NX PX ttl` for each key, in
 * order; returns 1 per key that was added, 0 per key that was there already.
 */
export const SET_MANY_NX = new Script(`
local added = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, '1', 'NX', 'PX', ARGV[1]) then added[i] = 1 else added[i] = 0 end
end
return added
`);
