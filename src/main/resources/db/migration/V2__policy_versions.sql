-- Policies uploaded (or rolled back) through the API, shared by every node: the newest row of an org is the
-- version the cluster runs. seq orders changes across nodes; a node catches up by reading rows after the last
-- seq it applied. Rows are small (a policy is text written by people) and rare, so they are kept.

CREATE TABLE policy_versions (
    seq         bigserial   PRIMARY KEY,
    org         text        NOT NULL,
    version     text        NOT NULL,
    files       jsonb       NOT NULL,
    change      text        NOT NULL CHECK (change IN ('upload', 'rollback')),
    node        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
