// The CSS judge: css-tree's tree for every piece of CSS, names and URLs decoded as the CSS
// tokenizer decodes them, a linear backup where the parser recovered, and bounded time on
// pathological input.
import { describe, expect, it } from '@jest/globals';
import { cssRisks, type CssContext } from '../../../game/scan/rules/css-judge.ts';
import { analyzeStatic } from '../../../game/scan/static.ts';
import { readGame } from '../../../game/validate/document.ts';

const H = 'evil.example';
const TABLE: [string, CssContext, string[]][] = [
  // url() in its spellings
  [`a { background: url(https://${H}/x.png) }`, 'stylesheet', ['network.css-url']],
  [`a { background: URL("//${H}/x.png") }`, 'stylesheet', ['network.css-url']],
  [`a { background: u\\rl(//${H}/x.png) }`, 'stylesheet', ['network.css-url']],
  [`a { background: \\75 rl(//${H}/x.png) }`, 'stylesheet', ['network.css-url']],
  [`a { background: u\\72l("//${H}/x.png") }`, 'stylesheet', ['network.css-url']],
  [`a { background: url(\\2f\\2f ${H}/x.png) }`, 'stylesheet', ['network.css-url']],
  [`a { background: url( "/\\\\${H}/x" ) }`, 'stylesheet', ['network.css-url']],
  [`a { background: url(https://${H}/x.png`, 'stylesheet', ['network.css-url']], // unclosed
  [`a { color: red; @@ !! ; background: url(//${H}/x) }`, 'stylesheet', ['network.css-url']],
  [`:root { --bg: url(//${H}/x) } a { background: var(--bg) }`, 'stylesheet', ['network.css-url']],
  [`a { background: cross-fade(url(//${H}/a) 50%, red) }`, 'stylesheet', ['network.css-url']],
  [`a { background: image-set("https://${H}/a.png" 1x) }`, 'stylesheet', ['network.css-url']],
  [`a { background: -webkit-image-set('//${H}/a.png' 1x, "b.png" 2x) }`, 'stylesheet', ['network.css-url']],
  [`a { background: ima\\ge-set("//${H}/a.png" 1x) }`, 'stylesheet', ['network.css-url']],
  [`@font-face { font-family: P; src: local(P), url(//${H}/p.woff2) format("woff2") }`, 'stylesheet',
    ['network.css-url']],
  [`a { background: url("java\\9 script:alert(1)") }`, 'stylesheet', ['dynamic-code.css-javascript-url']],
  // @import forms
  ['@import url(skin.css);', 'stylesheet', ['external.css-import']],
  [`@import "https://${H}/a.css";`, 'stylesheet', ['external.css-import', 'network.css-url']],
  ['@im\\port "a.css";', 'stylesheet', ['external.css-import']],
  ['@\\69mport url(a.css);', 'stylesheet', ['external.css-import']],
  // code in CSS
  ['a { width: expression(alert(1)) }', 'stylesheet', ['dynamic-code.css-expression']],
  ['a { behavior: url(x.htc) }', 'stylesheet', ['dynamic-code.css-expression']],
  ['a { b\\65havior: url(x.htc) }', 'stylesheet', ['dynamic-code.css-expression']],
  ['a { -moz-binding: url(x.xml#b) }', 'stylesheet', ['dynamic-code.css-expression']],
  // contexts
  [`color: red; background: url(//${H}/x)`, 'declarations', ['network.css-url']],
  [`u\\rl(https://${H}/x)`, 'value', ['network.css-url']],
  [`url(//${H}/p.svg#g)`, 'value', ['network.css-url']],
  // near misses: nothing to report
  ['a { background: url(data:image/png;base64,AAAA) }', 'stylesheet', []],
  ['a { background: image-set("data:image/png;base64,AA" 1x, url(data:image/png;base64,BB) 2x) }', 'stylesheet', []],
  ['a { background: url("data\\3a image/gif;base64,R0lG") }', 'stylesheet', []],
  ['rect { fill: url(#g); filter: url("#blur"); clip-path: url(#c) }', 'stylesheet', []],
  ['url(#g)', 'value', []],
  ['color: red; cursor: url(data:image/png;base64,AA) 0 0, auto', 'declarations', []],
  ['a { content: "no url here"; element: x } b { background: element(#hero) }', 'stylesheet', []],
  ['/* url(//evil.example/x) in a comment */ a { color: red }', 'stylesheet', []],
  ['@namespace svg url(http://www.w3.org/2000/svg); svg|rect { fill: url(#g) }', 'stylesheet', []],
  ['@namespace url(http://www.w3.org/1999/xhtml); a { color: red; @@ ; }', 'stylesheet', []],
  [`@namespace url(http://www.w3.org/1999/xhtml); a { background: url(//${H}/x) }`, 'stylesheet', ['network.css-url']],
];

describe('cssRisks', () => {
  it.each(TABLE)('%s (%s)', (css, context, rules) => {
    expect(cssRisks(css, context).map((r) => r.info.rule).sort()).toEqual([...rules].sort());
  });

  it('stays linear on 200 KB of pathological CSS', () => {
    const inputs = [
      `canvas{background:url(${' '.repeat(200_000)}`,
      `a{b:${'u\\rl('.repeat(40_000)}}`,
      'a,'.repeat(100_000) + 'b{}',
      'a{b:c}'.repeat(33_000),
      `a{b:${'f('.repeat(100_000)}}`,
      'image-set('.repeat(20_000),
      `a{b:"${'\\'.repeat(200_000)}`,
      '/*'.repeat(100_000),
      'url("'.repeat(40_000),
      '@import '.repeat(25_000),
      `a{background:url(data:image/png;base64,${'A'.repeat(200_000)})}`,
      '@media (x){'.repeat(15_000),
      '@namespace '.repeat(20_000),
      '@namespace url('.repeat(15_000),
    ];
    for (const css of inputs) {
      const t = performance.now();
      for (const context of ['stylesheet', 'declarations', 'value'] as const) cssRisks(css, context);
      expect({ css: css.slice(0, 24), ms: Math.round(performance.now() - t) < 1500 }).toEqual({
        css: css.slice(0, 24), ms: true,
      });
    }
  });

  it('a whole page of pathological CSS scans within a second and still reports what it can see', () => {
    const tail = `<canvas id="c"></canvas><script>requestAnimationFrame(function f() { requestAnimationFrame(f); });
      addEventListener('keydown', () => {});</script>`;
    const pages = [
      `<style>${'a{b:u\\rl('.repeat(20_000)}</style><style>a{background:u\\rl(//${H}/x)}</style>${tail}`,
      `<style>${'a{b:c}'.repeat(30_000)} a{background:url(//${H}/x)}</style>${tail}`,
      `${'<b style="background:url(data:,x)">'.repeat(5_000)}<i style="background:url(//${H}/x)"></i>${tail}`,
      `<svg>${'<rect fill="url(#g)"/>'.repeat(8_000)}<rect fill="url(//${H}/p#g)"/></svg>${tail}`,
    ];
    for (const html of pages) {
      readGame(html); // the HTML parser's share is the document reader's to bound; this measures the rules
      const t = performance.now();
      const { findings } = analyzeStatic(html);
      const rules = new Set(findings.map((f) => f.rule));
      const flagged = rules.has('network.css-url') || rules.has('scan.budget_exceeded');
      expect({ ms: performance.now() - t < 1000, flagged }).toEqual({ ms: true, flagged: true });
    }
  });
});
