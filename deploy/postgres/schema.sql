-- guiji streaming mode: the PostgreSQL tables that GuijiStreamJob upserts into (docs/contract.md §9).
-- Create once per database:  psql "$DATABASE_URL" -f deploy/postgres/schema.sql   (idempotent)
-- The job writes through Flink's JDBC sink, at least once, with idempotent upserts: replays after a
-- restart change nothing. It deletes only enterprise profiles whose last record has left (a tombstone on
-- the profile topic); a revoked record stays, with status REVOKED, and a withdrawn lead with status WITHDRAWN.

-- The current state of each unified record (the highest version published to Kafka).
CREATE TABLE IF NOT EXISTS unified_record (
    record_id       text PRIMARY KEY,              -- hex of SHA-256 over (record_type, dept_code, doc_no), first 128 bits
    version         bigint           NOT NULL,     -- increases with every published change
    record_type     text             NOT NULL,     -- license, inspection, penalty, coercion, judicial, dishonesty
    dept_code       text             NOT NULL,
    doc_no          text             NOT NULL,     -- normalized (〔yyyy〕)
    subject_name    text             NOT NULL,
    uscc            text,
    decision_date   date             NOT NULL,
    status          text             NOT NULL,     -- ACTIVE or REVOKED
    enterprise_id   text,
    link_method     text             NOT NULL,     -- MANUAL, USCC, REG_NO, ORG_CODE, NAME, FORMER_NAME, FUZZY, NONE, PERSON
    link_confidence double precision NOT NULL,
    quality_flags   text[]           NOT NULL,
    record          jsonb            NOT NULL,     -- the whole state, as one line of unified/*.jsonl
    written_at      timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS unified_record_enterprise ON unified_record (enterprise_id);
CREATE INDEX IF NOT EXISTS unified_record_dept_type ON unified_record (dept_code, record_type);

-- Every input copy of a unified record: kafka:<topic>/<partition> + offset, jdbc:<table> + key, or file + row.
CREATE TABLE IF NOT EXISTS unified_record_source (
    record_id     text   NOT NULL,
    source_file   text   NOT NULL,
    source_row    bigint NOT NULL,
    first_version bigint NOT NULL,                 -- the record's version that first listed this copy
    PRIMARY KEY (record_id, source_file, source_row)
);
CREATE INDEX IF NOT EXISTS unified_record_source_ref ON unified_record_source (source_file, source_row);

-- The dead letter: input that could not be a usable record (kind 'record'), and unusable registry or
-- catalogue rows (kind 'reference'). Keyed by source reference; a re-read table row replaces its entry.
CREATE TABLE IF NOT EXISTS rejected_record (
    source_file text        NOT NULL,
    source_row  bigint      NOT NULL,
    kind        text        NOT NULL,              -- record or reference
    reason      text        NOT NULL,              -- MALFORMED, MISSING_FIELD, INVALID_DATE, UNKNOWN_SOURCE, PROCESSING_ERROR
    message     text        NOT NULL,
    raw         text        NOT NULL,
    dept_code   text,
    record_type text,
    written_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_file, source_row)
);

-- The latest coverage snapshot of each period (the calendar year of collection); the Kafka topic keeps
-- every snapshot.
CREATE TABLE IF NOT EXISTS coverage_snapshot (
    period        text             PRIMARY KEY,
    generated_at  timestamp        NOT NULL,       -- local time in guiji.time-zone
    dept_coverage double precision NOT NULL,
    item_coverage double precision NOT NULL,
    target        double precision NOT NULL,
    status        text             NOT NULL,       -- MET or BELOW
    snapshot      jsonb            NOT NULL        -- as coverage.json
);

-- Every coverage snapshot's headline figures, for the trend of guiji dashboard's page (the full
-- snapshot is only kept as the latest, above). Insert-once: a snapshot read again after a restart is
-- the same row.
CREATE TABLE IF NOT EXISTS coverage_history (
    period        text             NOT NULL,
    generated_at  timestamp        NOT NULL,       -- local time in guiji.time-zone
    dept_coverage double precision NOT NULL,
    item_coverage double precision NOT NULL,
    target        double precision NOT NULL,
    status        text             NOT NULL,       -- MET or BELOW
    PRIMARY KEY (period, generated_at)
);

-- Reviewers' decisions on uncertain links (the MANUAL tier, docs/contract.md §6), as the decisions topic
-- (guiji.kafka.topic.review-decisions) holds them: the audit trail, insert-only. A decision is never
-- changed; withdrawing one is another row. `guiji review history --config FILE` reads it.
CREATE TABLE IF NOT EXISTS review_decisions (
    decision_id   text        PRIMARY KEY,
    scope         text        NOT NULL,            -- RECORD (subject: a record_id) or NAME (a subject name)
    subject       text        NOT NULL,
    action        text        NOT NULL,            -- ACCEPT, REJECT, NO_LINK or WITHDRAW
    enterprise_id text,                            -- ACCEPT and REJECT
    withdraws     text,                            -- WITHDRAW: the decision_id it takes back
    decided_by    text        NOT NULL,
    decided_at    timestamptz NOT NULL,
    reason        text        NOT NULL,
    source_file   text        NOT NULL,            -- kafka:<topic>/<partition>
    source_row    bigint      NOT NULL,            -- its offset there: a subject's decisions apply in this order
    written_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS review_decisions_subject ON review_decisions (scope, subject);
-- Enterprise profiles (docs/contract.md §9): one row per enterprise with records in force, from the
-- compacted profile topic. Upserted on every change; deleted when its last record has left (revoked,
-- re-linked to another enterprise). kafka_partition/kafka_offset: the message the row was written
-- from, which orders a key's states (a replay or an older state never overwrites a newer one).
CREATE TABLE IF NOT EXISTS enterprise_profiles (
    enterprise_id      text        PRIMARY KEY,
    name               text        NOT NULL,
    reference_date     date        NOT NULL,   -- the day "in force", "valid" and "recent" refer to
    record_count       bigint      NOT NULL,   -- records in force
    counts_by_type     jsonb       NOT NULL,   -- {"penalty": 2, "license": 1, ...}
    first_record_date  date,
    last_record_date   date,
    health_score       integer     NOT NULL,   -- 0-100
    health_grade       text        NOT NULL,   -- A-D
    health_grade_label text        NOT NULL,   -- 优 良 中 差
    health_model       text        NOT NULL,   -- the model's name and version
    health_components  jsonb       NOT NULL,   -- [{name, weight, deduction, count, detail}]
    profile            jsonb       NOT NULL,   -- the whole profile, as one line of enterprises/*.jsonl
    kafka_partition    integer     NOT NULL,
    kafka_offset       bigint      NOT NULL,
    written_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS enterprise_profiles_grade ON enterprise_profiles (health_grade, health_score);

-- Unlicensed-operation (无证无照) leads (docs/contract.md §9), from the compacted lead topic. A lead
-- that no longer holds (its evidence revoked, the licence arrived, the subject linked to the registry)
-- stays with status WITHDRAWN, so that a department that acted on it sees why it is gone.
CREATE TABLE IF NOT EXISTS leads (
    lead_id         text        PRIMARY KEY,  -- hex of 128 bits of SHA-256 over the subject and the rule
    kind            text        NOT NULL,     -- UNREGISTERED, UNLICENSED, UNLICENSED_UNREGISTERED
    kind_label      text        NOT NULL,     -- 无照, 无证, 无证无照
    status          text        NOT NULL,     -- OPEN or WITHDRAWN
    rule            text        NOT NULL,     -- unregistered, or licence.<id> of the lead rules file
    activity        text,
    reason          text        NOT NULL,     -- NOT_IN_REGISTRY, NO_LICENCE, LICENCE_EXPIRED
    enterprise_id   text,                     -- null for a subject not in the registry
    subject_name    text        NOT NULL,
    department      text        NOT NULL,     -- where the lead is routed
    reference_date  date        NOT NULL,
    evidence        jsonb       NOT NULL,     -- [{record_id, record_type, dept_code, doc_no, decision_date, what}]
    lead            jsonb       NOT NULL,     -- the whole lead, as one line of leads/*.jsonl
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    written_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS leads_department_status ON leads (department, status);
CREATE INDEX IF NOT EXISTS leads_enterprise ON leads (enterprise_id);

-- The documents rewritten on every change are compressed with LZ4 where the server has it (PostgreSQL 14
-- and later, built with LZ4, as Debian's and most others are): profile documents compressed with LZ4 took
-- 29 % less of the server's time to write than with its default, pglz, at the same size
-- (BENCHMARKS.md, "PostgreSQL a list at a time"). Any other server keeps its default; nothing else changes.
-- Values written before keep their compression until rewritten.
-- (EXECUTE: a server before 14 cannot even parse SET COMPRESSION, and must reach the handler.)
DO $$
BEGIN
    EXECUTE 'ALTER TABLE unified_record ALTER COLUMN record SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE enterprise_profiles ALTER COLUMN profile SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE enterprise_profiles ALTER COLUMN health_components SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE leads ALTER COLUMN lead SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'guiji: documents keep the server''s default compression (%)', SQLERRM;
END $$;
