-- Newsletter issues (issue 16, README "Newsletters"): one-off broadcasts to lists, written only by
-- the newsletter module. The issue itself is a file (newsletters/<id>.yaml); these tables keep
-- what happened to it: its state, when its audience was snapshotted, the A/B winner.
-- state: SCHEDULED, SENDING, TESTING, SENDING_WINNER, SENT, CANCELLED (newsletter.NewsletterState).
-- send_mode: NOW (due at once) or SCHEDULED (due at send_at, per subscriber when it is a local time).
create table newsletter_issues (
  issue_id      varchar(100) not null primary key,
  state         varchar(20)  not null,
  version_hash  varchar(64)  not null,
  send_mode     varchar(20)  not null,
  send_from     ${timestamp} not null,
  snapshot_at   ${timestamp},
  recipients    bigint,
  test_sent_at  ${timestamp},
  winner        varchar(100),
  winner_at     ${timestamp},
  finished_at   ${timestamp},
  cancelled_at  ${timestamp},
  updated_at    ${timestamp} not null
)${table_options};
-- The lists an issue went to, as they were when sending started: the claim at send time checks
-- that a recipient is still on one of them (someone who left the list since the snapshot is skipped).
create table newsletter_issue_lists (
  issue_id varchar(100) not null,
  list_id  varchar(100) not null,
  primary key (issue_id, list_id)
)${table_options};
-- The audience snapshot: who gets the issue, taken once when sending starts (later joiners are not
-- added unless the issue says late_joiners: true). The primary key is one row, hence one variant,
-- per person; variant null = "the rest" of an A/B test (gets the winner), or an issue without A/B.
create table newsletter_recipients (
  issue_id      varchar(100) not null,
  subscriber_id bigint       not null,
  variant       varchar(100),
  added_at      ${timestamp} not null,
  primary key (issue_id, subscriber_id)
)${table_options};
-- Planning reads one variant's recipients (or the rest) of one issue in id order.
create index ix_newsletter_recipients_variant on newsletter_recipients (issue_id, variant, subscriber_id);
