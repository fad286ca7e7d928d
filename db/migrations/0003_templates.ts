// Template catalogue (mutable) and its immutable, scanned versions.
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE templates (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text,
  category text,
  difficulty text,
  engine text,
  status text NOT NULL DEFAULT 'draft',
  current_version integer,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT templates_id_format CHECK (id ~ '^[a-z0-9_]{3,64}$'),
  CONSTRAINT templates_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
  CONSTRAINT templates_description_length CHECK (char_length(description) <= 2000),
  CONSTRAINT templates_category_length CHECK (char_length(category) BETWEEN 1 AND 50),
  CONSTRAINT templates_difficulty_check CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
  CONSTRAINT templates_engine_length CHECK (char_length(engine) BETWEEN 1 AND 50),
  CONSTRAINT templates_status_check CHECK (status IN ('draft', 'published', 'archived')),
  CONSTRAINT templates_current_version_check CHECK (current_version >= 1),
  CONSTRAINT templates_published_has_version CHECK (status <> 'published' OR current_version IS NOT NULL)
);
CREATE INDEX templates_status_category_idx ON templates (status, category);

CREATE TABLE template_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id text NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
  version integer NOT NULL,
  code text NOT NULL,
  variables jsonb NOT NULL DEFAULT '{}',
  features jsonb NOT NULL DEFAULT '[]',
  code_hash char(64) NOT NULL,
  verdict text,
  scan_report jsonb,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT template_versions_template_version_key UNIQUE (template_id, version),
  CONSTRAINT template_versions_version_check CHECK (version >= 1),
  CONSTRAINT template_versions_code_present CHECK (char_length(code) > 0),
  CONSTRAINT template_versions_code_hash_hex CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT template_versions_verdict_check CHECK (verdict IN ('pass', 'review', 'block')),
  CONSTRAINT template_versions_variables_type CHECK (jsonb_typeof(variables) IN ('object', 'array')),
  CONSTRAINT template_versions_features_array CHECK (jsonb_typeof(features) = 'array')
);

-- current_version must name an existing version of this template (NULL = none yet).
-- NO ACTION (checked at statement end) lets DELETE of a template cascade its versions.
ALTER TABLE templates ADD CONSTRAINT templates_current_version_fkey
  FOREIGN KEY (id, current_version) REFERENCES template_versions (template_id, version);

-- Code is what was scanned; changing it in place would void the verdict. The verdict and
-- scan report are filled in after the scan, so they stay writable.
CREATE TRIGGER template_versions_immutable BEFORE UPDATE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_column_changes(
    'id', 'template_id', 'version', 'code', 'code_hash', 'variables', 'features', 'created_at');
`);

export const down = sql(`
ALTER TABLE templates DROP CONSTRAINT templates_current_version_fkey;
DROP TABLE template_versions;
DROP TABLE templates;
`);
