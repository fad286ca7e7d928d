import fs from 'node:fs';
import path from 'node:path';
import { validateGame } from './activities/validate/index.ts';
import { createScanner, overallVerdict } from './activities/scan/index.ts';
const scanner = createScanner();
const dir = process.argv[2]!;
const files = fs.statSync(dir).isDirectory() ? fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith('.html')).map(f => path.join(dir, f)).sort() : [dir];
for (const f of files) {
  const html = fs.readFileSync(f, 'utf8');
  const v = validateGame(html);
  const s = await scanner.scanGame(html);
  console.log(overallVerdict(v, s).padEnd(6), f.padEnd(60), 'q=' + v.code_quality, [...v.findings, ...s.findings].map(x => `${x.rule}:${x.severity[0]}@${x.line ?? ''}`).join(' '), s.smoke.status, s.smoke.frames, s.smoke.errors.join('|').slice(0, 200));
}
await scanner.close();
