-- Challenges (issue 5): what a challenge needs from its evaluation, challenges in progress, enrolled factors.
-- No code, TOTP secret or recovery code is stored in clear: codes as keyed hashes (HMAC-SHA256), TOTP
-- secrets sealed with AES-GCM.

ALTER TABLE pending_evaluations
    ADD COLUMN action           text,
    ADD COLUMN factors          jsonb,
    ADD COLUMN email            text,
    ADD COLUMN enrolled_factors jsonb;

CREATE TABLE challenges (
    id            text        PRIMARY KEY,
    evaluation_id text        NOT NULL,
    org           text        NOT NULL,
    user_id       text        NOT NULL,
    factor        text        NOT NULL,
    email         text,
    code_hash     bytea,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    status        text        NOT NULL,
    sends         integer     NOT NULL DEFAULT 0,
    last_sent_at  timestamptz
);
-- activity(): a user's recent challenges, for the per-user limits; erase() by user; retention by time
CREATE INDEX challenges_user_recent ON challenges (org, user_id, created_at DESC);
CREATE INDEX challenges_created ON challenges (created_at);

CREATE TABLE totp_factors (
    org           text        NOT NULL,
    user_id       text        NOT NULL,
    sealed_secret bytea       NOT NULL,
    confirmed     boolean     NOT NULL DEFAULT false,
    last_step     bigint      NOT NULL DEFAULT -1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org, user_id)
);

CREATE TABLE recovery_codes (
    org           text        NOT NULL,
    user_id       text        NOT NULL,
    code_hash     bytea       NOT NULL,
    used_at       timestamptz,
    PRIMARY KEY (org, user_id, code_hash)
);
