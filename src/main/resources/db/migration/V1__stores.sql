-- What the signals learn from outcomes, and evaluations awaiting theirs.

CREATE TABLE users_seen (
    org         text        NOT NULL,
    user_id     text        NOT NULL,
    first_seen  timestamptz NOT NULL,
    PRIMARY KEY (org, user_id)
);

CREATE TABLE known_devices (
    org         text        NOT NULL,
    user_id     text        NOT NULL,
    device_key  text        NOT NULL,
    browser     text,
    os          text,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (org, user_id, device_key)
);
-- load(): a user's most recent devices
CREATE INDEX known_devices_recent ON known_devices (org, user_id, last_seen DESC);

CREATE TABLE logins (
    org         text        NOT NULL,
    user_id     text        NOT NULL,
    at          timestamptz NOT NULL,
    place       jsonb       NOT NULL
);
-- load(): a user's most recent successful logins; retention deletes by time
CREATE INDEX logins_recent ON logins (org, user_id, at DESC);

CREATE TABLE user_failures (
    org         text        NOT NULL,
    user_id     text        NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX user_failures_recent ON user_failures (org, user_id, at DESC);

CREATE TABLE ip_failures (
    ip          text        NOT NULL,
    user_key    text        NOT NULL,
    at          timestamptz NOT NULL
);
-- failuresFrom(): one IP's failures since a time
CREATE INDEX ip_failures_window ON ip_failures (ip, at);

CREATE TABLE pending_evaluations (
    id          text        PRIMARY KEY,
    org         text        NOT NULL,
    user_id     text        NOT NULL,
    ip          text        NOT NULL,
    at          timestamptz NOT NULL,
    device      jsonb,
    place       jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    outcome_at  timestamptz
);
CREATE INDEX pending_evaluations_created ON pending_evaluations (created_at);
