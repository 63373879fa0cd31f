-- One role and one schema per service; a role owns its schema and can reach no other.
-- Run as a superuser in the TuneMeld database (by the local stack, and by docker-compose's postgres
-- init). The passwords are the local defaults; anywhere else, set real ones with ALTER ROLE.
DO $$
DECLARE
    service text;
BEGIN
    FOREACH service IN ARRAY ARRAY['ingest', 'normalizer', 'track', 'aggregate', 'cache'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = service) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', service, service);
        END IF;
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
    END LOOP;
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- The services' working sets live in memory: an index probe costs about what a sequential page read
-- does, and at the default cost the planner hashes a whole table rather than probe it a few hundred times.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
END
$$;
