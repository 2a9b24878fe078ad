-- Webhook signing secrets encrypted at rest: AES-256-GCM under platform.notification.secret-key
-- (SecretCipher), the subscription id as associated data. Rows written before this migration keep
-- their plain secret until the service starts with a key: SecretSealing then seals them and clears
-- the plain column. Without a key (not recommended) new secrets are stored plain, as before.
alter table subscriptions add column secret_sealed bytea;
