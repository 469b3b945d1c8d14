-- armswatch store, schema version 3: find quotations by their words and by who said them, in any script.
-- text_key is armswatch.normalize.script.fold(text): same length as `text`, simplified script, half-width,
-- lower case, so `armswatch quotes 核武器` finds 核武器 written in either script with a plain instr().
-- speaker_key is armswatch.kb.loader.alias_key(speaker_name), the key entity_names uses, so a speaker the
-- extraction could not resolve to an entity (美国官员, speaker NULL) is still found by the name as written.
-- From this version `speakers` holds the JSON list of ids of a quote several speakers gave at once (a joint
-- statement); `speaker` is always the first of them, or the only one.
-- Both keys need Python, so armswatch.store.sqlite fills them for existing rows right after this script,
-- in the same transaction.

ALTER TABLE quotes ADD COLUMN text_key TEXT;
ALTER TABLE quotes ADD COLUMN speaker_key TEXT;
CREATE INDEX quotes_speaker_key ON quotes (speaker_key);
