// What a template's player presses (start, move, action keys; what the pointer does), kept
// with each version because a new version of the code may change it. Tests and the browser
// playtest press these to prove a game responds. Hand-made versions may have none (NULL).
import { sql } from './types.ts';

export const up = sql(`
ALTER TABLE template_versions ADD COLUMN controls jsonb;
ALTER TABLE template_versions ADD CONSTRAINT template_versions_controls_object
  CHECK (controls IS NULL OR jsonb_typeof(controls) = 'object');
DROP TRIGGER template_versions_immutable ON template_versions;
CREATE TRIGGER template_versions_immutable BEFORE UPDATE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_column_changes(
    'id', 'template_id', 'version', 'code', 'code_hash', 'variables', 'features', 'controls', 'created_at');
`);

export const down = sql(`
DROP TRIGGER template_versions_immutable ON template_versions;
CREATE TRIGGER template_versions_immutable BEFORE UPDATE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_column_changes(
    'id', 'template_id', 'version', 'code', 'code_hash', 'variables', 'features', 'created_at');
ALTER TABLE template_versions DROP COLUMN controls;
`);
