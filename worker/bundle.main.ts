// Bundles the workflows into the file named by argv[2], in a process of its own: webpack and
// what it holds (a few hundred MB at its peak) leave with the process, not in the worker's heap.
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowsPath } from './createWorker.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: bundle.main.ts <output file>');
const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
writeFileSync(out, code);
