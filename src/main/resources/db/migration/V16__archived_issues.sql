-- The public archive's copies of sent issues (README "Public archive"), written only by the archive
-- module: one row per issue, rendered for an anonymous reader when its sending started (and again
-- when an A/B winner was recorded), so that /archive and the feed keep showing what was sent after
-- the issue's file or templates are edited or deleted. Issues sent before this table existed have
-- no row; the archive renders them from their file as before.
-- step_id: the step shown (the only one, the A/B winner, or the first variant before the winner).
-- version_hash: the file version the copy was rendered from. list_id: the issue's first list then.
create table archived_issues (
  issue_id     varchar(100)  not null primary key,
  step_id      varchar(100)  not null,
  version_hash varchar(64)   not null,
  subject      ${long_text}  not null,
  preheader    ${long_text},
  html         ${long_text}  not null,
  author       ${long_text},
  list_id      varchar(100),
  stored_at    ${timestamp}  not null
)${table_options};
