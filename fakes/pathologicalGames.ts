// Hostile inputs for the scanner's own robustness, not for its rules: pages built to make
// a regex backtrack, a loop go quadratic, the resolver allocate without end or a walk overflow
// the stack. Generated from a seed (the same seed gives the same pages), each as large as the
// size limit allows, so the fuzz test and the benchmark can replay the worst ones.

export interface PathologicalInput { name: string; html: string }

/** mulberry32: small, fast and good enough to vary shapes; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const between = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

/** `unit` repeated to `chars` characters. */
function fill(unit: string, chars: number): string {
  return unit.repeat(Math.max(1, Math.floor(chars / unit.length)));
}

/** A page that is a game in every other respect, so validate and scan read all of it. */
function page(parts: { head?: string; body?: string; script?: string; tail?: string }): string {
  return '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Fuzz</title>' + (parts.head ?? '') +
    '</head><body><canvas id="game"></canvas>' + (parts.body ?? '') + '<script>\n' + (parts.script ?? '') +
    '\nrequestAnimationFrame(function f() { requestAnimationFrame(f); });\n' +
    "addEventListener('keydown', function () {});\n</script></body></html>" + (parts.tail ?? '');
}

/** Lines `const a1 = <step(a0)>; …` for as many steps as fit in `chars`. */
function chain(first: string, step: (prev: string) => string, chars: number, maxSteps: number): string {
  const lines = [`const v0 = ${first};`];
  let size = lines[0]!.length;
  for (let i = 1; i <= maxSteps; i++) {
    const line = `const v${i} = ${step(`v${i - 1}`)};`;
    if (size + line.length + 1 > chars) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + `\neval(v${lines.length - 1});`;
}

type Maker = (rand: Rand, chars: number) => Partial<Record<'head' | 'body' | 'script' | 'tail', string>>;

const MAKERS: Record<string, Maker> = {
  'css-url-spaces': (r, n) => ({
    head: `<style>canvas{background:url(${pick(r, ['', '"', "'"])}${fill(pick(r, [' ', '\t', ' \n']), n)}</style>`,
  }),
  'css-url-openers': (r, n) => ({
    head: `<style>${fill(pick(r, ['url(', 'url("', "url('", 'url( ', 'URL(\\75 ']), n)}</style>`,
  }),
  'css-comment-openers': (r, n) => ({ head: `<style>${fill(pick(r, ['/*', '/* url(', '/*/*']), n)}</style>` }),
  'css-escapes': (r, n) => ({ head: `<style>a{b:${fill(pick(r, ['\\ffffff ', '\\0', '\\75\\72\\6c(']), n)}}</style>` }),
  'style-attributes': (r, n) => ({ body: fill(`<i style="background:url(${pick(r, ['', "'", ' '])}   ">`, n) }),
  'html-comment-openers': (r, n) => ({ tail: fill(pick(r, ['<!--', '<!-- -', '\n<!--']), n) }),
  'trailing-whitespace': (r, n) => ({ tail: fill(pick(r, [' ', '\n', '\t \n']), n) + pick(r, ['x', '', '<!-- -->']) }),
  'html-in-attributes': (r, n) => ({ body: fill(pick(r, ['<b title="<html>"></b>', '<b x="</html  >"></b>']), n) }),
  'close-html-spaces': (r, n) => ({ body: fill(`</html${' '.repeat(between(r, 1, 64))}`, n) }),
  'title-openers': (r, n) => ({ body: fill(pick(r, ['<title', '<title x']), n) }),
  'quotes': (r, n) => ({ body: `<b title="${fill(pick(r, ["'", '\'"', '\\"']), n)}"></b>` }),
  'deep-elements': (r, n) => ({ body: fill(pick(r, ['<div>', '<span><b>', '<svg><g>', '<template>']), n) }),
  'javascript-url-void': (r, n) => ({ body: `<a href="javascript:void${fill(pick(r, [' ', '( ', ' (']), n)}x">a</a>` }),
  'script-parentheses': (r, n) => ({ script: fill(pick(r, ['(', '((', '[', '{', '`${']), n) }),
  'script-nesting': (r, n) => {
    const depth = Math.min(between(r, 500, 3000), Math.floor(n / 2));
    const [open, close] = pick(r, [['[', ']'], ['(', ')'], ['{', '}'], ['!', ''], ['-', '']] as const);
    return { script: `var x = ${open.repeat(depth)}1${close.repeat(depth)};` };
  },
  'nested-functions': (r, n) => {
    const unit = pick(r, ['function f(){\n', '(()=>{\n', 'while(true){\n', 'if(x){{\n']);
    const depth = Math.min(between(r, 200, 2000), Math.floor(n / (unit.length + 2)));
    const close = unit.startsWith('(') ? '})()' : unit.endsWith('{{\n') ? '}}' : '}';
    return { script: unit.repeat(depth) + close.repeat(depth) };
  },
  'concat-chain': (r, n) => ({
    script: chain('[1,2,3,4,5,6,7,8]', (p) => `${p}.concat(${p})`, n, between(r, 20, 4000)),
  }),
  'spread-chain': (r, n) => ({ script: chain('["a","b"]', (p) => `[...${p}, ...${p}]`, n, between(r, 20, 4000)) }),
  'string-spread-chain': (r, n) => ({ script: chain('"abcdefgh"', (p) => `[...${p}, ...${p}].join("")`, n, 4000) }),
  'repeat-chain': (r, n) => ({ script: chain('"ab"', (p) => `${p}.repeat(${between(r, 2, 9)})`, n, 4000) }),
  'split-join-chain': (r, n) => ({ script: chain('"abc"', (p) => `${p}.split("").join(${p})`, n, 4000) }),
  'replace-all-chain': (r, n) => ({ script: chain('"abcd"', (p) => `${p}.replaceAll("", ${p})`, n, 4000) }),
  'plus-chain': (r, n) => ({
    script: chain('"x".repeat(190000)', (p) => pick(r, [`${p} + ${p}`, `\`\${${p}}\${${p}}\``]), n, 4000),
  }),
  'append-chain': (r, n) => ({
    script: 'var s = "x".repeat(150000);\n' + fill(pick(r, ['s += s;\n', 's += "ab" + s;\n']), n) + 'eval(s);',
  }),
  'eval-sinks': (r, n) => ({
    script: `var big = "${fill('a;', n / 2)}";\n` +
      fill(pick(r, ['eval(big);', 'setTimeout(big);', 'Function(big);']), n / 2),
  }),
  'huge-string': (r, n) => ({ script: `var s = "${fill(pick(r, ['a', '\\x41', '\\u200b', '"+"']), n)}";` }),
  'invisible-characters': (r, n) => ({
    script: fill(pick(r, ["var a='\u200b';\n", '/*\u200b*/', "'\u200d'+"]), n) + pick(r, ['\u200b', '']),
  }),
  'comment-openers': (r, n) => ({ script: fill(pick(r, ['/*', '//\n', '<!--\n']), n) }),
  'newlines': (r, n) => ({ body: fill(pick(r, ['\n', '\r\n', '\n \n']), n) }),
};

/** Answer-shaped texts for the extraction: the page inside prose, plus runs that hurt the
 *  summary, fence and edit-block parsers. */
function answers(rand: Rand, chars: number, html: string): PathologicalInput[] {
  const out: PathologicalInput[] = [
    { name: 'answer-newlines-summary', html: fill(pick(rand, ['\n', '\r\n', ' \n']), chars) + 'SUMMARY: x' },
    { name: 'answer-fence-openers', html: fill(pick(rand, ['```html\n', '```\n<html>', '```js \n']), chars) },
    {
      name: 'answer-search-openers',
      html: fill(pick(rand, ['<<<<<<< SEARCH\n', '<<<<<<< SEARCH\nx\n=======\n']), chars),
    },
    { name: 'answer-wrapped-page', html: `Here is your game.\n\n\`\`\`html\n${html}\n\`\`\`\nSUMMARY: fuzz` },
  ];
  return out;
}

/** One input per shape, each close to `maxBytes` bytes (never above). */
export function pathologicalInputs(seed: number, maxBytes: number): PathologicalInput[] {
  const rand = seededRandom(seed);
  const room = maxBytes - page({}).length - 64;
  const out: PathologicalInput[] = [];
  for (const [name, make] of Object.entries(MAKERS)) {
    const chars = between(rand, Math.floor(room * 0.6), room);
    let html = page(make(rand, chars));
    while (Buffer.byteLength(html) > maxBytes) html = html.slice(0, html.length - (Buffer.byteLength(html) - maxBytes));
    out.push({ name, html });
  }
  const answerRoom = maxBytes - 64;
  out.push(...answers(rand, answerRoom, out[Math.floor(rand() * out.length)]!.html));
  return out;
}
