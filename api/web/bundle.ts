// The player's app is TypeScript modules in app/, bundled by esbuild when the API process starts
// (in memory: nothing to install, build or clean up by hand, never stale). esbuild is one
// self-contained binary that bundles and minifies TypeScript and CSS in well under a second;
// with no framework the app ships only its own code and the Socket.IO client.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface PlayerAppAsset {
  body: Buffer;
  type: string;
}

export interface PlayerAppBundle {
  /** File name (with a content hash) → contents. */
  assets: Map<string, PlayerAppAsset>;
  script: string;
  stylesheet: string;
}

const APP_DIR = join(import.meta.dirname, 'app');
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

async function buildBundle(): Promise<PlayerAppBundle> {
  const result = await build({
    entryPoints: [join(APP_DIR, 'main.ts'), join(APP_DIR, 'style.css')],
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022',
    write: false, outdir: 'out', legalComments: 'none', logLevel: 'silent',
  });
  const assets = new Map<string, PlayerAppAsset>();
  const names: Record<string, string> = {};
  for (const file of result.outputFiles) {
    const ext = file.path.slice(file.path.lastIndexOf('.') + 1);
    const hash = createHash('sha256').update(file.contents).digest('hex').slice(0, 12);
    const name = `${ext === 'js' ? 'app' : 'style'}-${hash}.${ext}`;
    assets.set(name, { body: Buffer.from(file.contents), type: TYPES[ext] ?? 'application/octet-stream' });
    names[ext] = name;
  }
  if (!names.js || !names.css) throw new Error('the player app bundle is missing its script or stylesheet');
  return { assets, script: names.js, stylesheet: names.css };
}

let bundle: Promise<PlayerAppBundle> | undefined;

/** Built once per process; a failed build is tried again on the next call. */
export function playerAppBundle(): Promise<PlayerAppBundle> {
  bundle ??= buildBundle().catch((err: unknown) => {
    bundle = undefined;
    throw err;
  });
  return bundle;
}
