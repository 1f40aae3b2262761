-- Tracking (DESIGN "tracking"): the server's own link table, the only source of click redirect
-- targets, and the event log of opens, clicks and unsubscribes. No raw IP address is stored.

-- One row per distinct URL of a step; url_hash keeps the unique key short enough for MySQL's
-- index limit (a 2,000-character URL would not fit in an index).
create table links (
  id          bigint auto_increment primary key,
  campaign_id varchar(100)  not null,
  step_id     varchar(100)  not null,
  url         varchar(2000) not null,
  url_hash    varchar(64)   not null,
  created_at  ${timestamp}  not null,
  constraint uq_links_step_url unique (campaign_id, step_id, url_hash)
);

-- machine: true for opens and clicks that no person made (privacy proxies, scanners, honeypot);
-- reports count both kinds apart, and only human events may satisfy segment conditions.
create table events (
  id               bigint auto_increment primary key,
  delivery_id      bigint       not null,
  type             varchar(20)  not null,
  occurred_at      ${timestamp} not null,
  link_id          bigint,
  machine          boolean default false not null,
  machine_reason   varchar(40),
  user_agent_class varchar(40)  not null,
  constraint fk_events_delivery foreign key (delivery_id) references deliveries (id)
);
create index ix_events_delivery on events (delivery_id, type);
