// The worker's workflow code, bundled afresh at every start (never a stale file) by a child
// process (bundle.main.ts), so the worker itself never loads webpack: ~150 MB less resident.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLER = fileURLToPath(new URL('./bundle.main.ts', import.meta.url));
const BUNDLE_TIMEOUT_MS = 120_000;

export async function bundleWorkflowsInChild(): Promise<{ code: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'playforge-workflows-'));
  const out = join(dir, 'workflows.js');
  try {
    await new Promise<void>((resolve, reject) => {
      const flags = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning'];
      const child = spawn(process.execPath, [...flags, BUNDLER, out], { stdio: ['ignore', 'inherit', 'inherit'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), BUNDLE_TIMEOUT_MS);
      child.once('error', (e) => { clearTimeout(timer); reject(e); });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`bundling the workflows failed (${signal ?? `exit ${code}`})`));
      });
    });
    return { code: readFileSync(out, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
