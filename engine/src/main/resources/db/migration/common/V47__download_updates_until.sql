-- A download granted by a subscription's order line gets updates (new releases) until this time
-- (epoch ms), kept by entitlement.SubscriptionDownloads; NULL = every release (one-time purchases).
ALTER TABLE entitlements ADD COLUMN updates_until BIGINT;
