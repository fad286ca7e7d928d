// A static-scan worker thread: reads the document, hands the smoke run its input, then runs
// the static rules and the structure check. A game built to make the scanner loop or
// backtrack can stall only this thread; the scanner's watchdog (pool.ts) then terminates it.
import { parentPort } from 'node:worker_threads';
import { readGame } from '../../validate/document.ts';
import { validateDocument, validationGate } from '../../validate/index.ts';
import { analyzeStructure } from '../../validate/structure.ts';
import { smokeInput } from '../smoke/input.ts';
import { SCAN_BUDGET } from '../budget.ts';
import { analyzeStatic } from '../static.ts';
import type { StaticJob, StaticReply } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('the static-scan worker runs as a worker thread');
const send = (reply: StaticReply): void => { port.postMessage(reply); };

port.on('message', (job: StaticJob) => {
  try {
    const nothingScanned: StaticReply = { id: job.id, kind: 'done', findings: [], apis: [], expectLoop: false };
    const gate = job.validate && validationGate(job.html, job.validate.maxBytes);
    if (gate) {
      send({ id: job.id, kind: 'validated', report: gate });
      return send(nothingScanned);
    }
    const doc = readGame(job.html);
    // Read once for both: validation's structure check and the smoke run's expectation of a loop.
    const structure = analyzeStructure(doc);
    if (job.validate) {
      const report = validateDocument(doc, Buffer.byteLength(job.html), job.validate.maxBytes, structure);
      send({ id: job.id, kind: 'validated', report });
      if (!report.ok) return send(nothingScanned);
    }
    send({ id: job.id, kind: 'doc', smokeJson: JSON.stringify(smokeInput(doc)) });
    const expectLoop = structure.loop === 'raf';
    const statics = analyzeStatic(job.html, SCAN_BUDGET, doc);
    send({ id: job.id, kind: 'done', findings: statics.findings, apis: [...statics.apis], expectLoop });
  } catch (e) {
    send({ id: job.id, kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
send({ ready: true });
