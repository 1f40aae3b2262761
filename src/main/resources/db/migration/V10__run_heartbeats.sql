-- Who runs what (README, "How a run works"): one row per execution of dripRunJob, written only by
-- the run module (RunHeartbeats). A run records its owner (host, process id and the process's start,
-- so a reused pid is a different owner) and refreshes heartbeat_at every few seconds while it runs;
-- a STARTED run whose heartbeat is older than dripline.run.lease belongs to a dead process and the
-- next run, restart or scheduled tick recovers it without an operator. recovered_from names the
-- execution a run took over, for `jobs` and the API.
create table run_heartbeats (
  execution_id   bigint       not null,
  campaign_id    varchar(100) not null,
  owner_host     varchar(255) not null,
  owner_pid      bigint       not null,
  owner_started  ${timestamp},
  started_at     ${timestamp} not null,
  heartbeat_at   ${timestamp} not null,
  recovered_from bigint,
  primary key (execution_id)
)${table_options};
