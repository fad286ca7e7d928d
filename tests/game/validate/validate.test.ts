// validateGame: one HTML5 document, every script readable (acorn, ecmaVersion latest,
// sloppy classic scripts as browsers read them; only unreadable code blocks), JSON data blocks,
// structure, size, and findings that point at the document's own lines and columns.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateGame, type ValidationReport } from '../../../game/validate/index.ts';
import { parseScript } from '../../../game/validate/parse-script.ts';
import { loadTemplate, templateIds } from '../../templates/helpers.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/games');

/** A minimal valid game around `js` (the script element is on line 5, `js` starts on line 6). */
function game(js: string, extra = ''): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>T</title></head>
<body>
<canvas id="game" width="100" height="100"></canvas>${extra}
<script>
${js}
addEventListener('keydown', () => {});
requestAnimationFrame(function f() { requestAnimationFrame(f); });
</script>
</body></html>`;
}

const rules = (r: ValidationReport): string[] => r.findings.map((f) => f.rule);

describe('parser', () => {
  it('reads ES2017 and ES2022+ with acorn, never calling modern code invalid', () => {
    expect(parseScript('const a = async () => { await 1; };').parser).toBe('acorn');
    const modern = [
      'class A { #x = 1; static #y = 2; static { A.z = 3; } get x() { return this.#x; } #m() { return #x in this; } }',
      'const v = a?.b?.[c]?.(d) ?? 0; let w; w ??= 1; w ||= 2; w &&= 3;',
      'const { a, ...rest } = obj; const copy = { ...rest, b: 1n };',
      'label: for await (const x of xs) { if (x) break label; }',
      'try { f(); } catch { g(); } const big = 1_000_000; const re = /(?<year>\\d{4})/u;',
      'const gen = async function* () { for await (const x of xs) yield x; }; const big = 10n ** 2n;',
    ];
    for (const code of modern) {
      const parsed = parseScript(`async function main() { ${code} }`);
      expect({ code, parser: parsed.parser, error: parsed.error }).toEqual({ code, parser: 'acorn', error: undefined });
    }
    const report = validateGame(game(modern.slice(0, 3).join('\n')));
    expect(report.ok).toBe(true);
    expect(report.scripts[0]).toMatchObject({ kind: 'inline', parser: 'acorn', line: 5 });
  });

  it('reads classic scripts as sloppy code, as browsers do, and modules as strict', () => {
    const sloppy = [
      'with (Math) { x = max(1, 2); }', 'var s = "\\101"; var n = 010;', '<!-- old guard\nx = 1;\n--> end\n',
    ];
    for (const code of sloppy) {
      expect({ code, parser: parseScript(code).parser }).toEqual({ code, parser: 'acorn' });
      expect({ code, parser: parseScript(code, { module: true }).parser }).toEqual({ code, parser: 'none' });
    }
    const comments = parseScript('/* a */ x = 1; // b\n<!-- c\n').comments;
    expect(comments).toEqual([[0, 7], [15, 19], [20, 26]]);
  });

  it('blocks a script no parser can read, at the right line and column', () => {
    const report = validateGame(game('const ok = 1;\nconst broken = = 2;'));
    expect(report.ok).toBe(false);
    const f = report.findings.find((x) => x.rule === 'parse.syntax-error');
    expect(f).toMatchObject({ severity: 'block', line: 7, column: 16, source: 'const broken = = 2;' });
    // the unreadable script is the finding; no guesses about the loop it hides
    expect(rules(report)).toEqual(['parse.syntax-error']);
    expect(report.scripts[0]!.parser).toBe('none');
  });

  it('treats TypeScript and prose as not JavaScript', () => {
    expect(rules(validateGame(game('let speed: number = 4;')))).toContain('parse.syntax-error');
    expect(rules(validateGame(game('Here is the game you asked for')))).toContain('parse.syntax-error');
  });
});

describe('every script is collected', () => {
  it('inline blocks, on* handlers, javascript: URLs, srcdoc documents and external src', () => {
    const html = game('let x = 1;', `
<button onclick="x += 1; return false">+</button>
<a href="javascript:void(0)">noop</a>
<iframe srcdoc="&lt;script&gt;let y = 2;&lt;/script&gt;"></iframe>
<script src="/play/vendor/phaser.min.js"></script>`);
    const report = validateGame(html);
    expect(report.scripts.map((s) => s.kind).sort())
      .toEqual(['external', 'handler', 'inline', 'javascript-url', 'srcdoc']);
    expect(report.scripts.find((s) => s.kind === 'handler')).toMatchObject({ parser: 'acorn', line: 5 });
    expect(report.scripts.find((s) => s.kind === 'external')).toMatchObject({ parser: 'none', bytes: 0 });
  });

  it('requires JSON data blocks to be JSON and ignores non-JS types', () => {
    const bad = validateGame(game('', '\n<script type="application/json" id="playforge-config">{"a": 1,}</script>'));
    expect(bad.findings.find((f) => f.rule === 'markup.invalid-json')).toMatchObject({ severity: 'block', line: 5 });
    const shader = validateGame(game('',
      '\n<script type="x-shader/x-fragment">void main() { gl_FragColor = vec4(1.0); }</script>'));
    expect(shader.ok).toBe(true);
    expect(shader.scripts).toHaveLength(1);
  });

  it('a handler error maps to the attribute line', () => {
    const report = validateGame(game('', '\n<button\n  onclick="go(">x</button>'));
    expect(report.findings.find((f) => f.rule === 'parse.syntax-error')).toMatchObject({ line: 6 });
  });
});

describe('structure', () => {
  it('the four templates are valid, readable by acorn, with loop, input and canvas', () => {
    for (const id of templateIds()) {
      const report = validateGame(loadTemplate(id).html);
      expect({ id, ok: report.ok, findings: report.findings }).toEqual({ id, ok: true, findings: [] });
      expect(report.structure).toEqual({ has_canvas_or_root: true, has_game_loop: true, has_input: true });
      expect(report.scripts.every((s) => s.parser === 'acorn')).toBe(true);
      expect(report.code_quality).toBeGreaterThanOrEqual(90);
    }
  });

  it('no game loop blocks, no input needs review, no canvas or root blocks', () => {
    const noLoop = validateGame('<!DOCTYPE html><html><body><canvas></canvas>' +
      '<script>addEventListener("keydown", f);</script></body></html>');
    expect(noLoop.findings.find((f) => f.rule === 'structure.no-game-loop')?.severity).toBe('block');
    const noInput = validateGame('<!DOCTYPE html><html><body><canvas></canvas>' +
      '<script>requestAnimationFrame(function f(){ requestAnimationFrame(f) })</script></body></html>');
    expect(noInput.ok).toBe(true);
    expect(noInput.findings.find((f) => f.rule === 'structure.no-input')?.severity).toBe('review');
    const noRoot = validateGame('<!DOCTYPE html><html><body><p>hi</p>' +
      '<script>requestAnimationFrame(f); onkeydown = f;</script></body></html>');
    expect(rules(noRoot)).toContain('structure.no-root');
  });

  it('a Phaser game counts as a loop only with the vendored engine', () => {
    const phaser = readFileSync(join(fixtures, 'benign/phaser-vendored.html'), 'utf8');
    expect(validateGame(phaser).structure).toEqual({ has_canvas_or_root: true, has_game_loop: true, has_input: true });
    const cdn = phaser.replace('/play/vendor/phaser.min.js', 'https://cdn.example.com/phaser.min.js');
    expect(rules(validateGame(cdn))).toContain('structure.no-game-loop');
  });

  it('exactly one document: markdown fences, prose and a second document block', () => {
    const doc = game('let a = 1;');
    const fenced = validateGame('```html\n' + doc + '\n```');
    expect(fenced.findings.filter((f) => f.rule === 'structure.stray-text').map((f) => f.line)).toEqual([1, 12]);
    expect(rules(validateGame('Here you go:\n' + doc))).toContain('structure.stray-text');
    const twice = validateGame(doc + '\n' + doc);
    expect(twice.findings.find((f) => f.rule === 'structure.multiple-documents'))
      .toMatchObject({ severity: 'block', line: 11 });
    // markup inside scripts, comments and attributes does not count as a second document
    const quoted = validateGame(game('const tpl = "<!DOCTYPE html><html></html>";',
      '\n<!-- <html> -->\n<iframe srcdoc="<html><body></body></html>"></iframe>'));
    expect(rules(quoted)).not.toContain('structure.multiple-documents');
  });

  it('empty and oversized input are blocked without parsing', () => {
    expect(validateGame('  \n').findings)
      .toEqual([expect.objectContaining({ rule: 'structure.empty', severity: 'block' })]);
    const big = validateGame(game('let a = 1;'), { maxBytes: 100 });
    expect(big).toMatchObject({
      ok: false, code_quality: 0, findings: [expect.objectContaining({ rule: 'size.too-large' })],
    });
  });

  it('code quality goes down with problems and stays within 0..100', () => {
    const clean = validateGame(game('let a = 1;'));
    const messy = validateGame(
      '<html><body><canvas></canvas><script>var a = 1; if (a == "1") { try { x() } catch (e) {} } debugger;\n' +
        'requestAnimationFrame(f);</script></body></html>');
    expect(clean.code_quality).toBeGreaterThan(messy.code_quality);
    expect(messy.code_quality).toBeGreaterThanOrEqual(0);
    expect(clean.code_quality).toBeLessThanOrEqual(100);
  });

  it('is fast: a 20 KB game validates in a few milliseconds', () => {
    const html = loadTemplate('basic_platformer').html;
    for (let i = 0; i < 5; i++) validateGame(`${html}<!-- ${i} -->`);
    const started = performance.now();
    for (let i = 0; i < 20; i++) validateGame(`${html}<!-- run ${i} -->`);
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});
