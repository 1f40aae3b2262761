-- Live campaigns (docs/architecture.md, "Changing a live campaign"): which version of a campaign
-- is in force, and who accepted a change that `diff` named hazards in. `adoption` numbers the
-- versions in the order they came into force; the highest is in force, and a version that comes
-- back (a reverted edit) gets a new number. Rows from before this migration count as adopted in
-- the order they were loaded.
alter table campaign_versions add adoption bigint;
alter table campaign_versions add adopted_at ${timestamp};
alter table campaign_versions add accepted_change varchar(64);
alter table campaign_versions add accepted_by varchar(200);
alter table campaign_versions add accepted_at ${timestamp};
alter table campaign_versions add summary varchar(2000);
update campaign_versions set adoption = 0, adopted_at = loaded_at where adoption is null;

-- Planning asks once per run which versions a campaign's enrollments follow: an index-only read.
create index ix_enrollments_version on enrollments (campaign_id, version_hash);
