// The real Express app on the test services (optionally with the admin console), for
// supertest or a real listening server. The composition itself is bench/apiServer.ts.
import type { Config } from '../../config.ts';
import { composeApi, listenApi, type ApiOptions } from '../../bench/apiServer.ts';
import type { Services } from './services.ts';

type TestAppOptions = ApiOptions & { cfg?: Config };

function depsOf(s: Services, cfg: Config) {
  return { cfg, db: s.db, redis: s.redis, temporal: s.client, logger: s.logger };
}

export async function buildTestApp(s: Services, opts: TestAppOptions = {}) {
  const cfg = opts.cfg ?? s.cfg;
  const deps = depsOf(s, cfg);
  return { app: await composeApi(deps, opts), jobs: deps, deps, cfg };
}

/** The app listening on 127.0.0.1 (random port) with Socket.IO attached. */
export async function listenTestApp(s: Services, opts: TestAppOptions = {}) {
  const cfg = opts.cfg ?? s.cfg;
  const deps = depsOf(s, cfg);
  return { ...(await listenApi(deps, opts)), jobs: deps, deps, cfg };
}
