-- docker-compose only: the schema registry's own database and role, so that its schemas live as long as
-- the PostgreSQL volume. The password is the local default (REGISTRY_DB_PASSWORD); anywhere else, set a
-- real one with ALTER ROLE and the same variable.
CREATE ROLE registry LOGIN PASSWORD 'registry';
CREATE DATABASE registry OWNER registry;
