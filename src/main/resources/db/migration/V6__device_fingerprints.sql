-- NewDevice compares the fingerprint as well as the cookie (issue 12): a cleared cookie with a known
-- fingerprint is recognised, a known cookie with a foreign fingerprint is not a full match. Devices learnt
-- before this have none (those keyed 'fp:...' get theirs back from the key when read).
-- No index: the signal reads a user's 100 most recent devices (known_devices_recent) and compares in memory.
ALTER TABLE known_devices ADD COLUMN fingerprint text;
