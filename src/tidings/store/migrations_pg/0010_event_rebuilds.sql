-- tidings schema v10 (PostgreSQL), the same as migrations/0010_event_rebuilds.sql:
-- a story's events are rebuilt from all its mentions while it is small, and
-- again when it has grown by half since the last rebuild (events.store.update_stories); in
-- between, a batch's new mentions are grouped among themselves, and the story is rebuilt when the
-- run ends (events.store.settle). A story whose size differs from its size at the last rebuild
-- (events_size) has such provisional events. Stores of v9 and before had every story rebuilt.
ALTER TABLE stories ADD COLUMN events_size INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET events_size = size;
CREATE INDEX stories_events_unsettled ON stories(id) WHERE size <> events_size;
