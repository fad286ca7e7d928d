// Loads templates/<id>/ into the database at start. Files are the source of built-in
// templates: a changed file becomes a new version (old games keep the version they were
// made from); a template whose latest version an admin made in the console is left alone.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Sequelize, Transaction } from 'sequelize';
import { templateSpec } from '../../game/templates/spec.ts';
import type { Models } from '../models/index.ts';

export interface LoadReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  skipped: { id: string; reason: string }[];
}

export function readTemplateFolder(dir: string, id: string) {
  const raw = JSON.parse(readFileSync(join(dir, id, 'template.json'), 'utf8')) as unknown;
  const parsed = templateSpec.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${id}/template.json: ${issue.path.join('.')} ${issue.message}`);
  }
  if (parsed.data.id !== id) throw new Error(`${id}/template.json: id ${parsed.data.id} does not match its folder`);
  const code = readFileSync(join(dir, id, parsed.data.entry), 'utf8');
  return { spec: parsed.data, code, codeHash: createHash('sha256').update(code).digest('hex') };
}

export async function loadTemplates(sequelize: Sequelize, models: Models, dir: string): Promise<LoadReport> {
  const report: LoadReport = { created: [], updated: [], unchanged: [], skipped: [] };
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'template.json')))
    .map((d) => d.name)
    .sort();
  for (const id of ids) {
    const { spec, code, codeHash } = readTemplateFolder(dir, id);
    await sequelize.transaction(async (transaction) => {
      const existing = await models.Template.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      const meta = {
        name: spec.name, description: spec.description, category: spec.category,
        difficulty: spec.difficulty, engine: spec.engine, keywords: spec.keywords,
      };
      if (!existing) {
        await models.Template.create({ id, ...meta, status: 'draft', currentVersion: null }, { transaction });
        await models.TemplateVersion.create({
          templateId: id, version: 1, code, codeHash, variables: spec.variables, features: spec.features,
          controls: spec.controls ?? null,
          verdict: null, scanReport: null, createdBy: null,
        }, { transaction });
        await publishVersion(models, id, 1, meta, transaction);
        report.created.push(id);
        return;
      }
      const versions = await models.TemplateVersion.findAll({
        where: { templateId: id }, order: [['version', 'DESC']], transaction,
      });
      const latest = versions[0];
      // jsonb does not keep key order: compare structurally.
      const same = versions.find((v) => v.codeHash === codeHash && isDeepStrictEqual(v.variables, spec.variables)
        && isDeepStrictEqual(v.controls ?? null, spec.controls ?? null));
      if (same) {
        // Catalogue metadata (name, keywords…) follows the file unless an admin took over.
        if (!latest?.createdBy) await models.Template.update(meta, { where: { id }, transaction });
        report.unchanged.push(id);
        return;
      }
      if (latest?.createdBy) {
        report.skipped.push({ id, reason: 'edited in the admin console; the file change is not applied' });
        return;
      }
      const version = (latest?.version ?? 0) + 1;
      await models.TemplateVersion.create({
        templateId: id, version, code, codeHash, variables: spec.variables, features: spec.features,
        controls: spec.controls ?? null,
        verdict: null, scanReport: null, createdBy: null,
      }, { transaction });
      await publishVersion(models, id, version, meta, transaction);
      report.updated.push(id);
    });
  }
  return report;
}

async function publishVersion(
  models: Models, id: string, version: number, meta: Record<string, unknown>, transaction: Transaction,
): Promise<void> {
  await models.Template.update(
    { ...meta, currentVersion: version, status: 'published' }, { where: { id }, transaction },
  );
}
