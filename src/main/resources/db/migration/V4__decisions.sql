-- The decision log: every evaluation, and what happened to it afterwards (outcome, challenge steps, feedback).
-- Written in batches by PgDecisionLog; the indexes follow the filters of GET /v1/decisions, newest first.

CREATE TABLE decisions (
    id             text        PRIMARY KEY,
    org            text        NOT NULL,
    user_id        text        NOT NULL,
    at             timestamptz NOT NULL,
    action         text        NOT NULL,  -- what the caller was told
    decided        text        NOT NULL,  -- what the rules chose (differs in audit mode): what statistics count
    confidence     text        NOT NULL,
    ip             text        NOT NULL,  -- as the log's IP mode keeps it
    country        text,
    browser        text,
    os             text,
    policy_version text        NOT NULL,
    codes          text[]      NOT NULL,  -- every assessment's code, plain and as Signal:code
    record         jsonb       NOT NULL   -- the whole replayable decision (DecisionJson.stored)
);
-- an org's decisions newest first, optionally in a time range (and the cursor's position)
CREATE INDEX decisions_org_time ON decisions (org, at DESC, id DESC);
-- one user's decisions
CREATE INDEX decisions_org_user_time ON decisions (org, user_id, at DESC, id DESC);
-- an org's challenges or denials
CREATE INDEX decisions_org_action_time ON decisions (org, action, at DESC, id DESC);
-- a signal code, alone or with its signal
CREATE INDEX decisions_codes ON decisions USING gin (codes);
-- every org in a time range; retention deletes by time
CREATE INDEX decisions_time ON decisions (at);

CREATE TABLE decision_events (
    evaluation_id  text        NOT NULL,
    org            text        NOT NULL,
    user_id        text        NOT NULL,
    type           text        NOT NULL,
    at             timestamptz NOT NULL,
    details        jsonb       NOT NULL,
    seq            bigserial   PRIMARY KEY
);
CREATE INDEX decision_events_evaluation ON decision_events (evaluation_id, seq);
CREATE INDEX decision_events_user ON decision_events (org, user_id);
CREATE INDEX decision_events_time ON decision_events (at);

-- POST /v1/users/{id}/risk/clear and user erasure: one user's failures across IPs
CREATE INDEX ip_failures_user ON ip_failures (user_key);
