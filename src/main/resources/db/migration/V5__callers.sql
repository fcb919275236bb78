-- Keys bound to orgs and to what they created (issue 10): evaluations and challenges remember the calling
-- service (its API key's name) that created them; only it, or the admin token, may act on them afterwards.
-- Rows written before this migration have none: only the admin may act on those.
ALTER TABLE pending_evaluations ADD COLUMN service text;
ALTER TABLE challenges ADD COLUMN service text;

-- Emailed codes per scope (a hashed address, a user, a calling service), for the send limits: a caller chooses
-- user.email, so codes are limited per address and per key as well as per user. Pruned per scope as it is
-- used, and by retention.
CREATE TABLE email_sends (
    scope text        NOT NULL,
    at    timestamptz NOT NULL
);
CREATE INDEX email_sends_scope ON email_sends (scope, at);
CREATE INDEX email_sends_at ON email_sends (at);

-- Re-enrolment never breaks the user's authenticator: a new TOTP secret waits here, unconfirmed, while the
-- confirmed one keeps passing challenges; the first code of the new one replaces it.
ALTER TABLE totp_factors
    ADD COLUMN pending_secret bytea;
