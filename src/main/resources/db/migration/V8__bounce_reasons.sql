-- Reason, not class (issue 15): why each hard or soft bounce happened (user unknown, mailbox full,
-- policy, ...), stored by the name of org.dripline.bounce.BounceReason. Null for complaints,
-- unsubscribes, ignored messages and for bounces recorded before this migration.
alter table bounce_events add column reason varchar(30);
-- Soft bounces are counted per subscriber within a time window (dripline.bounce.soft-bounce-window).
create index ix_bounce_events_soft_window on bounce_events (subscriber_id, kind, created_at);
