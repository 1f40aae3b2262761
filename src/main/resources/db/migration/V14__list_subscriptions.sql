-- Lists (issue 16, README "Lists"): who is on which mailing list, one row per (list, subscriber),
-- written only by the lists module (lists.ListMemberships). The lists themselves are files
-- (lists/<id>.yaml), reviewed like campaigns; membership is data. Each row keeps its own consent
-- record (source, consent text version, ip, when) apart from the subscriber's global one, and how
-- and when the person left, so a list's consent can be shown per list.
-- status: PENDING (double opt-in not yet confirmed), SUBSCRIBED, UNSUBSCRIBED.
create table list_subscriptions (
  list_id              varchar(100) not null,
  subscriber_id        bigint       not null,
  status               varchar(20)  not null,
  consent_source       varchar(40),
  consent_text_version varchar(40),
  consent_ip           varchar(64),
  joined_at            ${timestamp} not null,
  confirmed_at         ${timestamp},
  left_at              ${timestamp},
  left_source          varchar(40),
  primary key (list_id, subscriber_id),
  constraint fk_list_subscriptions_subscriber foreign key (subscriber_id) references subscribers (id)
)${table_options};
-- The preference page and the export read one subscriber's lists; the snapshot reads one list's
-- members by status (the primary key serves that).
create index ix_list_subscriptions_subscriber on list_subscriptions (subscriber_id, list_id);
