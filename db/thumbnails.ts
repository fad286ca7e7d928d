// Template thumbnails in PostgreSQL (migration 0011), keyed by the code hash of a template
// version: which published templates still lack one at their current version, storing one
// (first writer wins, so two processes making the same one is harmless), and reading them.
// Making one takes a browser, which db/ never touches: see scripts/stack/thumbnails.ts.
import { QueryTypes } from 'sequelize';
import type { Database } from './index.ts';
import type { TemplateThumbnail } from './models/index.ts';

/** A template version whose code has no thumbnail yet, with what its playtest needs. */
export interface ThumbnailWanted {
  templateId: string;
  version: number;
  codeHash: string;
  code: string;
  controls: unknown;
}

/** Current versions of published templates (all, or those in `ids`) without a thumbnail; one per code. */
export async function versionsWithoutThumbnail(db: Database, ids?: string[]): Promise<ThumbnailWanted[]> {
  const rows = await db.sequelize.query<{
    template_id: string; version: number; code_hash: string; code: string; controls: unknown;
  }>(
    `SELECT t.id AS template_id, v.version, v.code_hash, v.code, v.controls
       FROM templates t
       JOIN template_versions v ON v.template_id = t.id AND v.version = t.current_version
       LEFT JOIN template_thumbnails th ON th.code_hash = v.code_hash
      WHERE t.status = 'published' AND th.code_hash IS NULL AND ($1::text[] IS NULL OR t.id = ANY($1::text[]))
      ORDER BY t.id`,
    { bind: [ids ?? null], type: QueryTypes.SELECT },
  );
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (seen.has(r.code_hash)) return [];
    seen.add(r.code_hash);
    const { template_id: templateId, version, code_hash: codeHash, code, controls } = r;
    return [{ templateId, version, codeHash, code, controls }];
  });
}

/** Keeps a thumbnail unless one for the same code is already there; true when this one was stored. */
export async function storeThumbnail(
  db: Database, t: { codeHash: string; png: Buffer; width: number; height: number; playtestReport: object },
): Promise<boolean> {
  const [, inserted] = await db.sequelize.query(
    `INSERT INTO template_thumbnails (code_hash, png, width, height, playtest_report)
     VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (code_hash) DO NOTHING`,
    { bind: [t.codeHash, t.png, t.width, t.height, JSON.stringify(t.playtestReport)] },
  );
  return Number(inserted) === 1;
}

/** Which of these code hashes have a thumbnail. */
export async function thumbnailHashes(db: Database, hashes: string[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const found = await db.models.TemplateThumbnail.findAll({ where: { codeHash: hashes }, attributes: ['codeHash'] });
  return new Set(found.map((t) => t.codeHash));
}

export async function thumbnailOf(db: Database, codeHash: string): Promise<TemplateThumbnail | null> {
  return db.models.TemplateThumbnail.findByPk(codeHash);
}
