-- Send-time eligibility (DESIGN invariant 3): a global suppression list checked at planning and
-- again at claim time, and per-series pauses that hold planned deliveries until they end.

create table suppressions (
  email      varchar(320) not null,
  reason     varchar(40)  not null,
  source     varchar(200) not null,
  created_at ${timestamp} not null,
  primary key (email)
)${table_options};

alter table enrollments add paused_until ${timestamp};
