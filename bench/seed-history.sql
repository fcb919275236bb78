-- Fills the PostgreSQL store with the history of other users, so that bench/http.sh with SEED_USERS measures
-- lookups in tables of production size, not in a few hundred rows. psql variables: users, logins (per user).
-- The benchmark's own 300 users (bench/bodies.lua, org acme) are taught by its warm-up, not here.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO users_seen (org, user_id, first_seen)
SELECT 'acme', 'seeded-' || u, now() - interval '200 days'
FROM generate_series(1, :users) u;

INSERT INTO known_devices (org, user_id, device_key, browser, os, last_seen)
SELECT 'acme', 'seeded-' || u, 'id:seed-device-' || u || '-' || d, 'Chrome', 'Windows',
       now() - (d || ' days')::interval
FROM generate_series(1, :users) u, generate_series(1, 3) d;

-- Successful logins spread over the last 90 days, around three cities.
INSERT INTO logins (org, user_id, at, place)
SELECT 'acme', 'seeded-' || u, now() - ((l * 90.0 / :logins) || ' days')::interval,
       (ARRAY['{"country":"GB","city":"Boxford","latitude":51.75,"longitude":-1.25,"accuracy_radius_km":100}',
              '{"country":"SE","city":"Linköping","latitude":58.4167,"longitude":15.6167,"accuracy_radius_km":76}',
              '{"country":"US","city":"San Diego","latitude":32.7203,"longitude":-117.1552,"accuracy_radius_km":10}'])[1 + u % 3]::jsonb
FROM generate_series(1, :users) u, generate_series(1, :logins) l;
COMMIT;
ANALYZE;
SELECT (SELECT count(*) FROM users_seen) AS users, (SELECT count(*) FROM logins) AS logins,
       (SELECT count(*) FROM known_devices) AS devices;
