// The type checker and the linter are part of the suite, and the rule that keeps I/O out of
// workflows/ is shown to bite on a real offending file.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..');

describe('static checks', () => {
  it('tsc finds no type error', () => {
    const out = execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { encoding: 'utf8' });
    expect(out).toBe('');
  }, 120_000);

  it('eslint finds no problem in the project', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId ?? ''} ${m.message}`));
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
});
