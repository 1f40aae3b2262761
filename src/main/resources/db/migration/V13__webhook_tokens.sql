-- Provider events (issue 15, README "Provider events"): the signed tokens a provider's webhook
-- requests carried, written only by the bounce module (bounce.providers.WebhookTokens). Mailgun
-- signs a random token with a timestamp; a token seen before is a replayed request and refused.
-- Rows older than the accepted age are deleted as new ones arrive: a request that old is refused
-- for its timestamp anyway. The token is stored as its SHA-256 (hex), so its length is fixed.
create table webhook_tokens (
  provider varchar(20) not null,
  token    varchar(64) not null,
  seen_at  ${timestamp} not null,
  primary key (provider, token)
)${table_options};
create index ix_webhook_tokens_seen on webhook_tokens (seen_at);
