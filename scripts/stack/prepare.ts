// Everything the database needs before the API and worker start: migrations, templates
// from templates/, and a first admin.
import { join, resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { createDatabase, migrateUp } from '../../db/index.ts';
import { loadTemplates } from '../../db/seeds/templates.ts';
import { ensureAdmin } from '../../db/seeds/admin.ts';
import { seedKnownFlags } from '../../db/flags/store.ts';

/** ADMIN_PASSWORD_FILE (relative to the project root), else secrets/admin-password in the data dir. */
export function adminPasswordFile(cfg: Pick<Config, 'ADMIN_PASSWORD_FILE'>, root: string, dataDir: string): string {
  return cfg.ADMIN_PASSWORD_FILE ? resolve(root, cfg.ADMIN_PASSWORD_FILE) : join(dataDir, 'secrets', 'admin-password');
}

export async function prepareDatabase(
  cfg: Config, root: string, log: (m: string) => void,
  opts: { admin: false } | { admin: true; dataDir: string } = { admin: false },
): Promise<void> {
  const db = createDatabase(cfg.DATABASE_URL, { poolMax: 2 });
  try {
    const applied = await migrateUp(db.sequelize);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
    const t = await loadTemplates(db.sequelize, db.models, resolve(root, cfg.TEMPLATES_DIR));
    log(`templates: ${t.created.length} created, ${t.updated.length} updated, ${t.unchanged.length} unchanged`);
    for (const s of t.skipped) log(`template ${s.id} skipped: ${s.reason}`);
    const flags = await seedKnownFlags(db);
    if (flags.length > 0) log(`feature flags created: ${flags.join(', ')}`);
    if (!opts.admin) return;
    const admin = await ensureAdmin(db.models, cfg, adminPasswordFile(cfg, root, opts.dataDir));
    if (admin.created && admin.passwordFile) {
      // The log is shared (terminal, docker logs, collectors); the password stays out of it.
      log(`created admin "${admin.username}" <${admin.email}>; its generated password is in ${admin.passwordFile}`
        + ' (readable only by its owner): change it after your first login');
    } else if (admin.created) {
      log(`created admin "${admin.username}" <${admin.email}> from ADMIN_EMAIL/ADMIN_PASSWORD`);
    }
  } finally {
    await db.close();
  }
}
