-- Send rates shared by every process on this database (issue 14): dripline.send.rate-per-second
-- and the per-domain rates hold for all processes together, not for each one. One row per limit
-- ('global', or 'domain:<domain>') and second since the epoch, counting the messages granted in
-- that second; a process takes a few at a time. Rows a minute old are deleted as new seconds
-- start. Written only by delivery.send.RateSlots.
create table send_rate_slots (
  bucket varchar(300) not null,
  slot   bigint       not null,
  taken  int          not null,
  primary key (bucket, slot)
)${table_options};
