import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { loadTemplates } from '../../db/seeds/templates.ts';
import { ensureAdmin } from '../../db/seeds/admin.ts';
import { withFreshDatabase } from '../db/helpers.ts';

const fresh = withFreshDatabase();
const templatesDir = join(import.meta.dirname, '../../templates');

describe('loadTemplates', () => {
  it('creates every template once, then leaves unchanged files alone', async () => {
    const { sequelize, models } = fresh.db;
    const first = await loadTemplates(sequelize, models, templatesDir);
    // Every folder of templates/ (read independently of the loader), the four basic ones among them.
    const folders = readdirSync(templatesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory()).map((d) => d.name);
    expect(first.created.sort()).toEqual(folders.sort());
    expect(first.created)
      .toEqual(expect.arrayContaining(['basic_platformer', 'basic_puzzle', 'basic_racing', 'basic_shooter']));
    const again = await loadTemplates(sequelize, models, templatesDir);
    expect(again).toEqual({ created: [], updated: [], unchanged: first.created, skipped: [] });
    const published = await models.Template.findAll({ where: { status: 'published' } });
    expect(published.map((t) => t.currentVersion)).toEqual(folders.map(() => 1));
  });

  it('a changed file becomes a new version; an admin-made version is not overwritten', async () => {
    const { sequelize, models } = fresh.db;
    const dir = mkdtempSync(join(tmpdir(), 'pf-templates-'));
    try {
      cpSync(join(templatesDir, 'basic_racing'), join(dir, 'basic_racing'), { recursive: true });
      const file = join(dir, 'basic_racing', 'game.html');
      writeFileSync(file, readFileSync(file, 'utf8').replace('</body>', '<!-- v2 --></body>'));
      const report = await loadTemplates(sequelize, models, dir);
      expect(report.updated).toEqual(['basic_racing']);
      const racing = await models.Template.findByPk('basic_racing');
      expect(racing?.currentVersion).toBe(2);
      const v1 = await models.TemplateVersion.findOne({ where: { templateId: 'basic_racing', version: 1 } });
      expect(v1?.code).not.toContain('<!-- v2 -->'); // old games keep the version they were made from

      const admin = await models.User.create({
        username: 'tpl_admin', email: 'tpl@example.com', passwordHash: 'x',
        displayName: null, avatarUrl: null, bio: null, role: 'admin', lastLoginAt: null,
      });
      await models.TemplateVersion.create({
        templateId: 'basic_racing', version: 3, code: '<!DOCTYPE html><p>edited</p>', codeHash: 'a'.repeat(64),
        variables: {}, features: [], verdict: null, scanReport: null, createdBy: admin.id,
      });
      writeFileSync(file, readFileSync(file, 'utf8').replace('<!-- v2 -->', '<!-- v3 -->'));
      const skipped = await loadTemplates(sequelize, models, dir);
      expect(skipped.skipped).toEqual([{ id: 'basic_racing', reason: expect.stringContaining('admin console') }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a template whose default is outside its range, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-templates-'));
    try {
      cpSync(join(templatesDir, 'basic_shooter'), join(dir, 'basic_shooter'), { recursive: true });
      const file = join(dir, 'basic_shooter', 'template.json');
      const spec = JSON.parse(readFileSync(file, 'utf8'));
      spec.variables.canvas_width.default = 99_999;
      writeFileSync(file, JSON.stringify(spec));
      await expect(loadTemplates(fresh.db.sequelize, fresh.db.models, dir)).rejects.toThrow(
        /basic_shooter\/template.json: variables.canvas_width.default must be between/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ensureAdmin', () => {
  const base = { ADMIN_USERNAME: 'root_admin', BCRYPT_COST: 4, ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined };
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'pf-admin-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates one admin whose generated password, in a file only its owner reads, really logs in', async () => {
    const { models } = fresh.db;
    await models.User.destroy({ where: { role: 'admin' } });
    const file = join(dir, 'secrets', 'admin-password');
    const made = await ensureAdmin(models, base, file);
    if (!made.created) throw new Error(made.reason);
    expect(made).toEqual({
      created: true, username: 'root_admin', email: 'root_admin@playforge.localhost', passwordFile: file,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^Pf1[A-Za-z0-9_-]{24}$/);
    const user = await models.User.findOne({ where: { username: 'root_admin' } });
    expect(user?.role).toBe('admin');
    expect(await bcrypt.compare(password, user!.passwordHash)).toBe(true);
    expect(await ensureAdmin(models, { ...base, ADMIN_USERNAME: 'second' }, file))
      .toEqual({ created: false, reason: 'an admin already exists' });
  });

  it('an existing, readable file is made 0600; an unwritable path creates no admin', async () => {
    const { models } = fresh.db;
    await models.User.destroy({ where: { role: 'admin' } });
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    await expect(ensureAdmin(models, base, join(blocker, 'admin-password')))
      .rejects.toThrow(/cannot write the generated admin password to .*ADMIN_PASSWORD_FILE/);
    expect(await models.User.count({ where: { role: 'admin' } })).toBe(0);
    const file = join(dir, 'old-password');
    writeFileSync(file, 'stale', { mode: 0o644 });
    await ensureAdmin(models, base, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('stale');
  });

  it('uses ADMIN_EMAIL/ADMIN_PASSWORD when given and writes no file', async () => {
    const { models } = fresh.db;
    await models.User.destroy({ where: { role: 'admin' } });
    const file = join(dir, 'admin-password');
    const made = await ensureAdmin(models, {
      ...base, ADMIN_USERNAME: 'ops', ADMIN_EMAIL: 'Ops@Example.com', ADMIN_PASSWORD: 'Correct-Horse-9',
    }, file);
    expect(made).toEqual({ created: true, username: 'ops', email: 'ops@example.com' });
    expect(existsSync(file)).toBe(false);
    const user = await models.User.findOne({ where: { username: 'ops' } });
    expect(await bcrypt.compare('Correct-Horse-9', user!.passwordHash)).toBe(true);
  });
});
