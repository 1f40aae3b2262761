-- Keys Dripline generates itself when none are configured (issue 14): the link-signing key and the
-- DKIM key of the embedded default. Stored here, not per process, so that every process on this
-- database signs and verifies with the same keys: a link mailed by `run` still works in a later
-- `serve`, and the DKIM DNS record stays the same across starts. One row per key, written once:
-- the primary key makes two processes starting at the same time end with one key (the second
-- insert fails and that process reads the first one's key). Written only by infra.GeneratedKeys.
create table generated_keys (
  name       varchar(64) not null,
  secret     ${long_text} not null,
  created_at ${timestamp} not null,
  primary key (name)
)${table_options};
