-- What each API client's token may do (issue 17): its scopes, by name, separated by spaces
-- (`read`: read loans; `payments`: post payments staff received). A client made before scopes
-- existed could call every route the API had, so it keeps every scope: no client loses access
-- by this upgrade (revoke it and make a narrower one with `servicer api-client create`). New
-- clients are always written with the scopes chosen for them, so the default that filled the
-- rows already here is dropped.
ALTER TABLE api_clients ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read payments';
ALTER TABLE api_clients ALTER COLUMN scopes DROP DEFAULT;
