-- What the bounce mailbox said (bounceJob): hard and soft bounces, complaints (ARF) and mailto:
-- unsubscribes, one row per mailbox message. Portable between H2 and MySQL/MariaDB through the
-- same placeholders as V1 (see FlywayPlaceholders).

-- mailbox_key is the SHA-256 of the raw message: a message seen again (re-run, crash before it was
-- moved out of the inbox) inserts nothing and so is never counted twice. No foreign keys on
-- purpose: the log also keeps messages that name no known delivery or subscriber.
create table bounce_events (
  id            bigint auto_increment primary key,
  mailbox_key   varchar(64)  not null,
  kind          varchar(20)  not null,
  email         varchar(320),
  subscriber_id bigint,
  delivery_id   bigint,
  status_code   varchar(20),
  detail        ${long_text},
  received_at   ${timestamp},
  created_at    ${timestamp} not null,
  constraint uq_bounce_events_mailbox_key unique (mailbox_key)
)${table_options};
-- Soft bounces are counted per subscriber.
create index ix_bounce_events_subscriber on bounce_events (subscriber_id, kind);
-- Bounces are matched to the ledger by the original Message-ID.
create index ix_deliveries_message_id on deliveries (message_id);
