-- armswatch store, schema version 2: look entities up by name in any script.
-- Every form an entity has been named by (its stored name, name_en and each mention's text), keyed by
-- armswatch.kb.loader.alias_key (simplified script, lower case, no spaces, dots, hyphens or brackets), so
-- `armswatch entity 盧卡申科` finds the entity without scanning every mention. `name` is the first surface
-- form seen with that key. The keys need Python, so the rows of an existing store are filled in by
-- armswatch.store.sqlite right after this script, in the same transaction.

CREATE TABLE entity_names (
    entity_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (entity_id, key)
) WITHOUT ROWID;
CREATE INDEX entity_names_key ON entity_names (key);
