// The type checker and the linter are part of the suite, and the rules that keep I/O out of
// workflows/ and the arrows between folders one way are shown to bite on planted offenders.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..');

describe('static checks', () => {
  it('tsc finds no type error', () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const out = execFileSync(process.execPath, [tsc, '-p', root], { encoding: 'utf8' });
    expect(out).toBe('');
  }, 120_000);

  it('eslint finds no problem in the project', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId ?? ''} ${m.message}`));
    expect(problems).toEqual([]);
  }, 120_000);

  it('a workflow importing a Node built-in or an activity value is rejected', async () => {
    const eslint = new ESLint({ cwd: root });
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { createActivities } from '../activities/index.ts';",
      "import type { Activities } from '../activities/index.ts';",
      'export const a: Activities | undefined = undefined;',
      'export const b = [readFileSync, createActivities];',
      'export const c = fetch;',
      '',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: join(root, 'workflows/diagnostics.ts') });
    const rules = result!.messages.map((m) => `${m.line}:${m.ruleId}`);
    expect(rules).toEqual(expect.arrayContaining([
      '1:@typescript-eslint/no-restricted-imports',
      '2:@typescript-eslint/no-restricted-imports',
      '6:no-restricted-globals',
    ]));
    expect(rules.filter((r) => r.startsWith('3:'))).toEqual([]);
  }, 60_000);

  it('a floating promise is an error', async () => {
    const eslint = new ESLint({ cwd: root });
    const code = 'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n';
    const [result] = await eslint.lintText(code, { filePath: join(root, 'api/app.ts') });
    expect(result!.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-floating-promises');
  }, 60_000);

  // Each case: a file in one folder, an import it must not make. Linted as that real file.
  const wrongArrows: [string, string][] = [
    ['game/offline/engine.ts', "import { createApp } from '../../api/app.ts';"],
    ['game/scan/index.ts', "import { createActivities } from '../../activities/index.ts';"],
    ['game/validate/index.ts', "import { gameJob } from '../../workflows/gameJob.ts';"],
    ['game/play/page.ts', "import { buildAdminRouter } from '../../admin/index.ts';"],
    ['api/app.ts', "import { createActivities } from '../activities/index.ts';"],
    ['api/services/jobs.ts', "import { buildAdminRouter } from '../../admin/index.ts';"],
    ['admin/dashboard.ts', "import { routeTable } from '../api/routes/index.ts';"],
    ['activities/notify.ts', "import { createApp } from '../api/app.ts';"],
    ['db/versions.ts', "import { createActivities } from '../activities/index.ts';"],
    ['bench/pipeline.ts', "import { buildTestApp } from '../tests/helpers/app.ts';"],
    ['cli/scan.main.ts', "import '../worker/main.ts';"],
  ];

  it.each(wrongArrows)('a wrong arrow fails lint: %s → %s', async (file, line) => {
    const eslint = new ESLint({ cwd: root });
    const code = `${line}\nexport const planted = 1;\n`;
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    const arrows = result!.messages.filter((m) => m.ruleId === 'layers/allowed-imports' && m.line === 1);
    expect(arrows).toHaveLength(1);
    expect(arrows[0]!.message).toMatch(/^Wrong arrow: /);
  }, 60_000);

  it('the arrows the architecture allows pass', async () => {
    const eslint = new ESLint({ cwd: root });
    const allowed: [string, string][] = [
      ['api/services/jobs.ts', "import { gameJob } from '../../workflows/gameJob.ts';"],
      ['admin/dashboard.ts', "import { isStaff } from '../api/policies.ts';"],
      ['activities/notify.ts', "import type { GameJobInput } from '../workflows/messages.ts';"],
      ['workflows/gameJob.ts', "import type { Activities } from '../activities/index.ts';"],
      ['game/offline/engine.ts', "import type { Config } from '../../config.ts';"],
    ];
    for (const [file, line] of allowed) {
      const [result] = await eslint.lintText(`${line}\nexport type Planted = 1;\n`, { filePath: join(root, file) });
      expect(result!.messages.filter((m) => m.ruleId === 'layers/allowed-imports')).toEqual([]);
    }
  }, 60_000);

  it('a long line and a long file fail lint', async () => {
    const eslint = new ESLint({ cwd: root });
    const long = `export const tooLong = '${'x'.repeat(120)}';\n`;
    const many = Array.from({ length: 301 }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
    const [a] = await eslint.lintText(long, { filePath: join(root, 'game/vocabulary.ts') });
    const [b] = await eslint.lintText(many, { filePath: join(root, 'game/vocabulary.ts') });
    expect(a!.messages.map((m) => m.ruleId)).toContain('@stylistic/max-len');
    expect(b!.messages.map((m) => m.ruleId)).toContain('max-lines');
  }, 60_000);
});
