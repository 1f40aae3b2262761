-- Campaign lifecycle (README, "Campaign lifecycle"): what an operator has done to a whole
-- campaign, one row per campaign that was ever paused, closed or archived (no row: live). Written
-- only by the campaign module (CampaignStates); the predicates other modules embed are
-- campaign.LiveCampaign.
--
-- Dates rather than one state enum: pausing and closing combine (a closed campaign may be paused
-- too, and an archived one is both), and `on_resume: shift` needs the instant the pause began to
-- move due dates by its length. A column is null when the campaign is not in that condition.
-- `revision` counts the changes, so two operators changing the same campaign at once cannot both
-- apply a resume's shift.
create table campaign_lifecycle (
  campaign_id varchar(100) not null,
  paused_at   ${timestamp},
  closed_at   ${timestamp},
  archived_at ${timestamp},
  changed_at  ${timestamp} not null,
  changed_by  varchar(200) not null,
  revision    bigint default 0 not null,
  primary key (campaign_id)
)${table_options};
