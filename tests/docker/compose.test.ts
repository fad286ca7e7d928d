// Static checks of the container setup: docker-compose.yml must render with the installed
// docker-compose (no engine needed: `config` only parses and interpolates), and the
// Dockerfile must keep its basic guarantees. Nothing here builds or starts a container.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { WORKER_ENV, WORKER_NODE_FLAGS } from '../../lib/workerFlags.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

const SERVICES = ['postgres', 'redis', 'temporal', 'temporal-ui', 'migrate', 'api', 'worker', 'lb'];
const ONE_SHOT = new Set(['migrate']);

// Render as on a fresh clone: no .env (compose is pointed at an empty env file instead of
// the working tree's) and none of the interpolated variables in the environment.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'playforge-compose-'));
const emptyEnvFile = path.join(scratch, 'empty.env');
writeFileSync(emptyEnvFile, '');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function composeEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR'];
  return Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
}

function runCompose(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync('docker-compose', ['--env-file', emptyEnvFile, '-f', 'docker-compose.yml', ...args], {
    cwd: root,
    env: composeEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (res.error) {
    const code = (res.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        'docker-compose is not on PATH, so docker-compose.yml cannot be validated. ' +
          'Install it (Debian: apt-get install -y docker-compose; the test bootstrap normally does) and rerun.',
      );
    }
    throw res.error;
  }
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

let rendered: string | undefined;
/** `docker-compose config` output; throws (failing the test) when it does not exit 0. */
function renderedConfig(): string {
  if (rendered === undefined) {
    const res = runCompose(['config']);
    if (res.status !== 0) {
      throw new Error(`docker-compose config exited ${res.status}:\n${res.stderr}${res.stdout}`);
    }
    rendered = res.stdout;
  }
  return rendered;
}

/**
 * The rendered file split into service blocks. docker-compose 1.29 prints block-style YAML
 * with two-space indents and sorted keys, so indentation is enough to find them.
 */
function serviceBlocks(yaml: string): Map<string, string> {
  const lines = yaml.split('\n');
  const blocks = new Map<string, string>();
  const start = lines.indexOf('services:');
  if (start < 0) return blocks;
  let name: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (name !== undefined) blocks.set(name, body.join('\n'));
  };
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // next top-level key
    const m = /^ {2}([A-Za-z0-9._-]+):\s*$/.exec(line);
    if (m) {
      flush();
      name = m[1];
      body = [];
    } else if (name !== undefined) {
      body.push(line);
    }
  }
  flush();
  return blocks;
}

/** The `healthcheck:` sub-block of a service block (indent 4), or undefined. */
function healthcheckOf(block: string): string | undefined {
  const lines = block.split('\n');
  const i = lines.findIndex((l) => /^ {4}healthcheck:\s*$/.test(l));
  if (i < 0) return undefined;
  const out: string[] = [];
  for (const line of lines.slice(i + 1)) {
    if (!/^ {5,}\S/.test(line)) break;
    out.push(line);
  }
  return out.join('\n');
}

describe('docker-compose.yml', () => {
  it('renders with `docker-compose config` (exit 0) with no .env and no JWT_SECRET', () => {
    expect(renderedConfig()).toMatch(/^services:$/m);
  });

  it('defines the stack services', () => {
    const res = runCompose(['config', '--services']);
    expect(res.status).toBe(0);
    const listed = res.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
    expect(listed).toEqual(expect.arrayContaining(SERVICES));
    expect([...serviceBlocks(renderedConfig()).keys()]).toEqual(expect.arrayContaining(SERVICES));
  });

  it('gives every long-running service a real healthcheck', () => {
    const blocks = serviceBlocks(renderedConfig());
    for (const name of SERVICES.filter((s) => !ONE_SHOT.has(s))) {
      const hc = healthcheckOf(blocks.get(name) ?? '');
      expect({ service: name, hasHealthcheck: hc !== undefined }).toEqual({ service: name, hasHealthcheck: true });
      expect(hc).toMatch(/^ {6}test:/m);
      expect(hc).not.toMatch(/- NONE\b/);
      expect(hc).not.toMatch(/disable: true/);
    }
  });

  it('starts api and worker only after migrate succeeded and redis/temporal are healthy', () => {
    const blocks = serviceBlocks(renderedConfig());
    for (const name of ['api', 'worker']) {
      const block = blocks.get(name) ?? '';
      expect(block).toMatch(/^ {6}migrate:\n {8}condition: service_completed_successfully$/m);
      expect(block).toMatch(/^ {6}redis:\n {8}condition: service_healthy$/m);
      expect(block).toMatch(/^ {6}temporal:\n {8}condition: service_healthy$/m);
    }
    expect(blocks.get('migrate')).toMatch(/^ {6}postgres:\n {8}condition: service_healthy$/m);
  });

  it('starts the worker with the V8 limits the other launchers use', () => {
    const block = serviceBlocks(renderedConfig()).get('worker') ?? '';
    const items = /^ {4}command:\n((?: {4,6}- .+\n?)+)/m.exec(block)?.[1] ?? '';
    const command = [...items.matchAll(/^ +- (.+)$/gm)].map((m) => m[1]!.replace(/^"|"$/g, ''));
    expect(command).toEqual(['node', ...WORKER_NODE_FLAGS, 'worker/main.ts']);
    // Its allocator setting too, on top of the app's environment (which it keeps).
    for (const [name, value] of Object.entries(WORKER_ENV)) {
      expect(block).toMatch(new RegExp(`^ {6}${name}: '?${value}'?$`, 'm'));
    }
    expect(block).toMatch(/^ {6}DATABASE_URL: /m);
  });

  it('hard-codes no secret: JWT_SECRET comes from the environment only', () => {
    const source = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
    expect(source).toMatch(/JWT_SECRET: \$\{JWT_SECRET:-\}/);
    expect(renderedConfig()).toMatch(/^ {6}JWT_SECRET: ''$/m);
  });
});

interface ComposeService {
  container_name?: string;
  ports?: unknown[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  image?: string;
}

describe('docker-compose.yml scales (up --scale api=N --scale worker=N) behind the lb service', () => {
  const services = () => (parse(renderedConfig()) as { services: Record<string, ComposeService> }).services;
  const nginx = readFileSync(path.join(root, 'deploy/nginx/playforge.conf.template'), 'utf8')
    .split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
  const block = (opening: RegExp): string => {
    const start = nginx.search(opening);
    expect(start).toBeGreaterThanOrEqual(0);
    const rest = nginx.slice(start);
    // Up to the brace that closes it: one on a line of its own (`${VAR}` has braces too).
    return rest.slice(0, rest.search(/\n\s*\}\s*(\n|$)/));
  };

  it('gives api and worker no container_name and no host port (a replica could not have them)', () => {
    for (const name of ['api', 'worker']) {
      const svc = services()[name]!;
      expect({ name, container_name: svc.container_name, ports: svc.ports })
        .toEqual({ name, container_name: undefined, ports: undefined });
    }
  });

  it('publishes the app on lb only, started after a healthy api, with the nginx config mounted', () => {
    const lb = services().lb!;
    expect(lb.image).toMatch(/^nginx:1\.(2[89]|[3-9]\d)/); // `server … resolve` needs nginx 1.27.3+
    expect(lb.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(lb.ports).toEqual([{ published: 3000, target: 3000 }]);
    expect(lb.environment).toMatchObject({ API_PORT: services().api!.environment!.PORT, LB_PORT: '3000' });
    const mount = lb.volumes!.map((v) => v.split(':'))
      .find((v) => v[1] === '/etc/nginx/templates/default.conf.template');
    expect(mount && path.relative(root, mount[0]!)).toBe('deploy/nginx/playforge.conf.template');
    // Behind the balancer the app believes its X-Forwarded-For (client IPs for per-IP limits).
    expect(services().api!.environment!.TRUST_PROXY).toBe('uniquelocal');
  });

  it('proxies every api replica, WebSocket upgrades included, and Socket.IO sticky by client', () => {
    const sockets = block(/location \/socket\.io\/ \{/);
    expect(sockets).toMatch(/proxy_pass http:\/\/api_sockets;/);
    expect(sockets).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(sockets).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/proxy_http_version 1\.1;/);
    expect(block(/map \$http_upgrade \$connection_upgrade \{/)).toMatch(/default upgrade;\s+''\s+close;/);
    expect(block(/upstream api_sockets \{/)).toMatch(/ip_hash;[\s\S]*server api:\$\{API_PORT\} resolve;/);
    expect(block(/upstream api_nodes \{/)).toMatch(/server api:\$\{API_PORT\} resolve;/);
    expect(block(/location \/ \{/)).toMatch(/proxy_pass http:\/\/api_nodes;/);
    expect(block(/server \{/)).toMatch(/listen \$\{LB_PORT\};/);
    // Docker's DNS, re-read so replicas added or restarted are followed.
    expect(nginx).toMatch(/resolver 127\.0\.0\.11 /);
  });
});

describe('Dockerfile', () => {
  // Instructions with comments dropped and line continuations joined.
  const instructions = readFileSync(path.join(root, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

  it('builds every stage on Node 24', () => {
    const froms = instructions.filter((l) => /^FROM\s/i.test(l));
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) expect(from).toMatch(/^FROM\s+node:24[\w.-]*(\s+AS\s+[\w-]+)?$/i);
  });

  it('runs as a non-root USER', () => {
    const users = instructions.filter((l) => /^USER\s/i.test(l));
    expect(users.length).toBeGreaterThan(0);
    const last = users[users.length - 1]!.split(/\s+/)[1]!;
    expect(['root', '0', '0:0']).not.toContain(last);
  });

  it('has a HEALTHCHECK', () => {
    const hc = instructions.find((l) => /^HEALTHCHECK\s/i.test(l));
    expect(hc).toBeDefined();
    expect(hc).not.toMatch(/^HEALTHCHECK\s+NONE/i);
    expect(hc).toMatch(/\/api\/health\/liveness/);
  });

  it('runs Node with --no-node-snapshot (isolated-vm)', () => {
    expect(instructions.some((l) => /^ENV\s.*NODE_OPTIONS=--no-node-snapshot/i.test(l))).toBe(true);
  });

  it('copies every top-level path that the runtime code imports', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const list = /for p in ([^;]+); do/.exec(dockerfile);
    expect(list).not.toBeNull();
    const copied = new Set(list![1]!.trim().split(/\s+/));
    const missing = new Set<string>();
    const visit = (file: string): void => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = path.relative(root, path.resolve(path.dirname(file), m[1]!));
        const top = target.split(path.sep)[0]!;
        if (!target.startsWith('..') && !copied.has(top)) {
          missing.add(`${top} (imported by ${path.relative(root, file)})`);
        }
      }
    };
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|js|mjs)$/.test(name)) visit(full);
      }
    };
    for (const p of copied) {
      const full = path.join(root, p);
      if (!existsSync(full)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|js|mjs)$/.test(p)) visit(full);
    }
    expect([...missing]).toEqual([]);
  });
});
