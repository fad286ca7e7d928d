// Console edits of templates. An edit never touches an existing TemplateVersion (a DB
// trigger forbids changing its code anyway): it becomes a new version, created by the admin,
// checked by validate + the static scan, with its verdict and report stored on it. Games made
// from older versions keep pointing at them.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { Database } from '../../db/index.ts';
import type { TemplateVersion } from '../../db/models/index.ts';
import { staticScan } from '../../game/scan/index.ts';
import { dedupeFindings } from '../../game/scan/static.ts';
import { securityScore, verdictOf, type Verdict } from '../../game/scan/verdict.ts';
import { validateGame } from '../../game/validate/index.ts';
import { checkValue, variableSpec, type VariableSpec } from '../../game/templates/spec.ts';
import type { Finding } from '../../game/vocabulary.ts';

const variablesSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'variable names are lower_snake_case'),
  variableSpec,
);

export type TemplateVariables = Record<string, VariableSpec>;

/** What the console's form brings for a new version: code and/or variables. */
export interface TemplateDraft {
  code?: string;
  variables?: TemplateVariables;
}

/** Parses the variables textarea (a JSON string, or already an object); returns the spec or why not. */
export function parseVariables(raw: unknown): { ok: true; value: TemplateVariables } | { ok: false; error: string } {
  let data: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return { ok: true, value: {} };
    try {
      data = JSON.parse(raw);
    } catch (err) {
      return { ok: false, error: `not valid JSON: ${(err as Error).message}` };
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, error: 'must be a JSON object of variable specs' };
  }
  const parsed = variablesSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  for (const [name, spec] of Object.entries(parsed.data)) {
    const problem = checkValue(spec, spec.default);
    if (problem) return { ok: false, error: `${name}.default: ${problem}` };
  }
  return { ok: true, value: parsed.data };
}

export interface TemplateAssessment {
  verdict: Verdict;
  security_score: number;
  code_quality: number;
  findings: Finding[];
  scanned: 'validate+static';
  scanned_at: string;
}

/** validate + the static scan (pure, no child processes in the API). */
export function assessTemplateCode(code: string): TemplateAssessment {
  const validation = validateGame(code);
  const scan = staticScan(code);
  const findings = dedupeFindings([...validation.findings, ...scan.findings]);
  return {
    verdict: verdictOf(findings),
    security_score: securityScore(findings),
    code_quality: validation.code_quality,
    findings,
    scanned: 'validate+static',
    scanned_at: new Date().toISOString(),
  };
}

/** One line per blocking finding, for notices. */
export function describeBlocking(report: { findings?: unknown } | null | undefined): string {
  const findings = Array.isArray(report?.findings) ? (report.findings as Finding[]) : [];
  const blocking = findings.filter((f) => f.severity === 'block');
  return blocking.map((f) => `${f.rule}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`).join('; ');
}

export async function latestVersion(
  db: Database, templateId: string, transaction?: Transaction,
): Promise<TemplateVersion | null> {
  return db.models.TemplateVersion.findOne({ where: { templateId }, order: [['version', 'DESC']], transaction });
}

/** Creates version latest+1 from the code and (already parsed) variables; audits it. */
export async function createTemplateVersion(
  db: Database,
  input: { templateId: string; code: string; variables: TemplateVariables; actorId: string },
): Promise<TemplateVersion> {
  const report = assessTemplateCode(input.code);
  return db.sequelize.transaction(async (transaction) => {
    // Serialises concurrent saves of one template.
    await db.models.Template.findByPk(input.templateId, { transaction, lock: transaction.LOCK.UPDATE });
    const latest = await latestVersion(db, input.templateId, transaction);
    const version = await db.models.TemplateVersion.create({
      templateId: input.templateId,
      version: (latest?.version ?? 0) + 1,
      code: input.code,
      codeHash: createHash('sha256').update(input.code).digest('hex'),
      variables: input.variables,
      features: latest?.features ?? [],
      verdict: report.verdict,
      scanReport: report as unknown as Record<string, unknown>,
      createdBy: input.actorId,
    }, { transaction });
    await db.models.AuditLog.create({
      actorId: input.actorId, action: 'template.version_created', targetType: 'template', targetId: input.templateId,
      details: { version: version.version, verdict: report.verdict, findings: report.findings.length },
      ip: null, requestId: null,
    }, { transaction });
    return version;
  });
}

export type PublishOutcome = { ok: true; version: number } | { ok: false; reason: string };

/** Publishes the latest version unless its verdict is block (never-scanned versions are scanned first). */
export async function publishLatest(db: Database, templateId: string, actorId: string): Promise<PublishOutcome> {
  return db.sequelize.transaction(async (transaction) => {
    const template = await db.models.Template.findByPk(templateId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!template) return { ok: false, reason: 'Template not found' };
    const latest = await latestVersion(db, templateId, transaction);
    if (!latest) return { ok: false, reason: 'The template has no version to publish' };
    if (!latest.verdict) {
      const report = assessTemplateCode(latest.code);
      const scanReport = report as unknown as Record<string, unknown>;
      await latest.update({ verdict: report.verdict, scanReport }, { transaction });
    }
    if (latest.verdict === 'block') {
      await db.models.AuditLog.create({
        actorId, action: 'template.publish_refused', targetType: 'template', targetId: templateId,
        details: { version: latest.version, verdict: 'block' }, ip: null, requestId: null,
      }, { transaction });
      const blocking = describeBlocking(latest.scanReport);
      return { ok: false, reason: `Version ${latest.version} is blocked by the scan: ${blocking}` };
    }
    await template.update({ status: 'published', currentVersion: latest.version }, { transaction });
    await db.models.AuditLog.create({
      actorId, action: 'template.publish', targetType: 'template', targetId: templateId,
      details: { version: latest.version, verdict: latest.verdict }, ip: null, requestId: null,
    }, { transaction });
    return { ok: true, version: latest.version };
  });
}

export async function archiveTemplate(db: Database, templateId: string, actorId: string): Promise<boolean> {
  return db.sequelize.transaction(async (transaction) => {
    const template = await db.models.Template.findByPk(templateId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!template) return false;
    const from = template.status;
    await template.update({ status: 'archived' }, { transaction });
    await db.models.AuditLog.create({
      actorId, action: 'template.archive', targetType: 'template', targetId: templateId,
      details: { from }, ip: null, requestId: null,
    }, { transaction });
    return true;
  });
}

/**
 * The console's form has just saved a new template row: its code becomes version 1, and the
 * creation is audited.
 */
export async function completeTemplateCreation(
  db: Database,
  input: { templateId: string; code: string; variables: TemplateVariables; actorId: string },
): Promise<TemplateVersion> {
  const version = await createTemplateVersion(db, input);
  await db.models.AuditLog.create({
    actorId: input.actorId, action: 'template.create', targetType: 'template', targetId: input.templateId,
    details: { version: version.version }, ip: null, requestId: null,
  });
  return version;
}

/**
 * The console's form has just saved the template row's `fields`: a draft whose code or
 * variables differ from the latest version becomes a new version (returned), and the edit is
 * audited either way.
 */
export async function completeTemplateEdit(
  db: Database,
  input: { templateId: string; fields: string[]; draft: TemplateDraft | undefined; actorId: string },
): Promise<TemplateVersion | undefined> {
  const { templateId, draft, actorId } = input;
  const latest = await latestVersion(db, templateId);
  const code = draft?.code ?? latest?.code;
  const variables = draft?.variables ?? (latest?.variables as TemplateVariables | undefined) ?? {};
  const unchanged = latest !== null && latest.code === code && isDeepStrictEqual(latest.variables, variables);
  const created = draft && code && !unchanged
    ? await createTemplateVersion(db, { templateId, code, variables, actorId })
    : undefined;
  await db.models.AuditLog.create({
    actorId, action: 'template.edit', targetType: 'template', targetId: templateId,
    details: { fields: input.fields, ...(created ? { version: created.version } : {}) }, ip: null, requestId: null,
  });
  return created;
}
