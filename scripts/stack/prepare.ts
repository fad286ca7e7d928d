// Everything the database needs before the API and worker start: migrations, templates
// from templates/, and a first admin.
import { resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { createDatabase, migrateUp } from '../../db/index.ts';
import { loadTemplates } from '../../db/seeds/templates.ts';
import { ensureAdmin } from '../../db/seeds/admin.ts';

export async function prepareDatabase(
  cfg: Config, root: string, log: (m: string) => void, opts: { admin: boolean } = { admin: true },
): Promise<void> {
  const db = createDatabase(cfg.DATABASE_URL, { poolMax: 2 });
  try {
    const applied = await migrateUp(db.sequelize);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
    const t = await loadTemplates(db.sequelize, db.models, resolve(root, cfg.TEMPLATES_DIR));
    log(`templates: ${t.created.length} created, ${t.updated.length} updated, ${t.unchanged.length} unchanged`);
    for (const s of t.skipped) log(`template ${s.id} skipped: ${s.reason}`);
    if (!opts.admin) return;
    const admin = await ensureAdmin(db.models, cfg);
    if (admin.created && admin.generatedPassword) {
      log(`created admin "${admin.username}" <${admin.email}> with password ${admin.generatedPassword}`);
      log('this password is shown only once: change it after your first login');
    } else if (admin.created) {
      log(`created admin "${admin.username}" <${admin.email}> from ADMIN_EMAIL/ADMIN_PASSWORD`);
    }
  } finally {
    await db.close();
  }
}
