-- guiji streaming mode: PostgreSQL roles with least privilege (deploy/README.md, Kafka and PostgreSQL with least privilege).
-- Run once per database, as the database's owner, after schema.sql:
--     psql "postgresql://owner@guiji-db:5432/guiji" -f deploy/postgres/roles.sql      (idempotent)
--
--   guiji_writer  what GuijiStreamJob needs and nothing more: read and write its seven tables through
--                 its upserts, DELETE only on enterprise_profiles (an enterprise whose last record left);
--                 no TRUNCATE, no DDL, no other table.
--   guiji_reader  read only, for reports, downstream services and guiji dashboard (README, Coverage dashboard).
--
-- Both are group roles without login. Give each user of the database a login role of its own, e.g.
--     CREATE ROLE guiji_job LOGIN IN ROLE guiji_writer;   then   \password guiji_job   in psql
-- and hand the password to the job only through guiji.postgres.password-file or -env, never a file in
-- this repository. Roles belong to the whole server, so the group roles are created only if missing.

DO $$
BEGIN
    CREATE ROLE guiji_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;   -- exists (or is being created concurrently)
END $$;

DO $$
BEGIN
    CREATE ROLE guiji_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- Only those granted below may connect, and nobody but the owner creates objects in the schema.
DO $$
BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO guiji_writer, guiji_reader', current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO guiji_writer, guiji_reader;

REVOKE ALL ON unified_record, unified_record_source, rejected_record, coverage_snapshot, coverage_history,
    enterprise_profiles, leads FROM PUBLIC;

-- The job's upserts, INSERT … ON CONFLICT (key) DO UPDATE … WHERE t.version < EXCLUDED.version, read the
-- existing row: SELECT, INSERT and UPDATE. Sources are insert-once, ON CONFLICT (key) DO NOTHING, which
-- still reads the key columns: SELECT and INSERT (checked against PostgreSQL 15 by GuijiClusterITCase).
GRANT SELECT, INSERT, UPDATE ON unified_record, rejected_record, coverage_snapshot TO guiji_writer;
GRANT SELECT, INSERT ON unified_record_source, coverage_history TO guiji_writer;
-- Profiles and leads: upserts ordered by Kafka offset; a profile tombstone deletes its row. Leads are
-- never deleted (a withdrawn lead stays, status WITHDRAWN).
GRANT SELECT, INSERT, UPDATE, DELETE ON enterprise_profiles TO guiji_writer;
GRANT SELECT, INSERT, UPDATE ON leads TO guiji_writer;


-- Reviewers' decisions: insert-once, ON CONFLICT (decision_id) DO NOTHING, never updated (an audit trail).
REVOKE ALL ON review_decisions FROM PUBLIC;
GRANT SELECT, INSERT ON review_decisions TO guiji_writer;
GRANT SELECT ON review_decisions TO guiji_reader;
GRANT SELECT ON unified_record, unified_record_source, rejected_record, coverage_snapshot, coverage_history,
    enterprise_profiles, leads TO guiji_reader;
