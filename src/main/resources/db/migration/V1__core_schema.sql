-- Core schema: subscribers, campaign versions, enrollments and the send ledger.
-- Portable between H2 and MySQL/MariaDB; ${timestamp}, ${long_text}, ${binary} and ${table_options}
-- are Flyway placeholders set per database (see FlywayPlaceholders) because the two disagree on
-- those type names, and MySQL's default collations ignore case and accents where segment rules
-- must compare exactly.

create table subscribers (
  id                   bigint auto_increment primary key,
  email                varchar(320) not null,
  first_name           varchar(200),
  status               varchar(20)  not null,
  timezone             varchar(64),
  created_at           ${timestamp} not null,
  updated_at           ${timestamp} not null,
  confirmed_at         ${timestamp},
  consent_source       varchar(20),
  consent_text_version varchar(40),
  tracking_opt_out     boolean default false not null,
  constraint uq_subscribers_email unique (email)
)${table_options};

-- Attributes and tags as rows, not JSON: segment rules compile to the same SQL on H2 and MySQL.
-- Values that read as a number or an ISO date are also kept typed, so rules compare them as such.
create table subscriber_attributes (
  subscriber_id bigint        not null,
  name          varchar(100)  ${binary} not null,
  attr_value    varchar(1000) ${binary} not null,
  num_value     decimal(38, 10),
  date_value    date,
  primary key (subscriber_id, name),
  constraint fk_attributes_subscriber foreign key (subscriber_id) references subscribers (id)
)${table_options};
create index ix_subscriber_attributes_name on subscriber_attributes (name, subscriber_id);

create table subscriber_tags (
  subscriber_id bigint       not null,
  tag           varchar(100) ${binary} not null,
  primary key (subscriber_id, tag),
  constraint fk_tags_subscriber foreign key (subscriber_id) references subscribers (id)
)${table_options};
create index ix_subscriber_tags_tag on subscriber_tags (tag, subscriber_id);

create table campaign_versions (
  campaign_id  varchar(100) not null,
  version_hash varchar(64)  not null,
  definition   ${long_text} not null,
  loaded_at    ${timestamp} not null,
  primary key (campaign_id, version_hash)
)${table_options};

create table enrollments (
  campaign_id   varchar(100) not null,
  subscriber_id bigint       not null,
  version_hash  varchar(64)  not null,
  enrolled_at   ${timestamp} not null,
  state         varchar(20)  not null,
  primary key (campaign_id, subscriber_id),
  constraint fk_enrollments_subscriber foreign key (subscriber_id) references subscribers (id)
)${table_options};

-- The send ledger: one row per (campaign, step, subscriber), ever (DESIGN invariant 1).
create table deliveries (
  id              bigint auto_increment primary key,
  campaign_id     varchar(100) not null,
  step_id         varchar(100) not null,
  subscriber_id   bigint       not null,
  due_at          ${timestamp} not null,
  status          varchar(20)  not null,
  attempts        int default 0 not null,
  next_attempt_at ${timestamp},
  planned_at      ${timestamp} not null,
  claimed_by      varchar(100),
  claimed_at      ${timestamp},
  sent_at         ${timestamp},
  message_id      varchar(255),
  smtp_reply      varchar(500),
  last_error      varchar(1000),
  constraint uq_deliveries_step_subscriber unique (campaign_id, step_id, subscriber_id),
  constraint fk_deliveries_subscriber foreign key (subscriber_id) references subscribers (id)
)${table_options};
create index ix_deliveries_sendable on deliveries (campaign_id, status, subscriber_id);
