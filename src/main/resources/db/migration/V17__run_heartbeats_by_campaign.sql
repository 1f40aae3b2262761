-- `newsletter send` without --as-of looks up the issue's newest run (max execution_id of its
-- campaign_id) to continue it when it stopped or failed: without this index that lookup scans every
-- run ever recorded, and the table gains a row per run.
create index run_heartbeats_by_campaign on run_heartbeats (campaign_id, execution_id);
