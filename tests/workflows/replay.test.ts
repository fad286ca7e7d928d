// Determinism: histories of the main paths, recorded once and committed under
// tests/fixtures/histories/, must replay against today's workflow code. A change that
// would break running jobs fails here. Re-record (after an intended, versioned change) all
// paths, or only some by name, with
//   PLAYFORGE_RECORD_HISTORIES=1 npm test -- tests/workflows/replay.test.ts
//   PLAYFORGE_RECORD_HISTORIES=review-update-approved npm test -- tests/workflows/replay.test.ts
// Each history is checked to have taken its path before it is saved.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { workflowsPath } from '../../worker/createWorker.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import {
  BEFORE_LOCAL_STEPS, checkPath, HISTORIES_DIR, LEGACY_HISTORIES, RECORDED_PATHS, recordPaths, took, type History,
} from './recordHistories.ts';

const selection = process.env.PLAYFORGE_RECORD_HISTORIES;

const load = (file: string): History => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));

describe('workflow determinism', () => {
  if (selection) {
    let s: Services;
    beforeAll(async () => {
      s = await connectServices();
    });
    afterAll(async () => s.close());
    const names = selection === '1' ? [...RECORDED_PATHS] : selection.split(',');
    it(`records ${names.join(', ')}`, async () => recordPaths(s, names), 240_000);
  }

  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();

  it('has a recorded history for every main path', () => {
    expect(files).toEqual([...RECORDED_PATHS, ...LEGACY_HISTORIES].map((n) => `${n}.json`).sort());
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    await Worker.runReplayHistory({ workflowsPath }, load(file), file.replace('.json', ''));
  }, 60_000);

  it('the moderation histories took their paths: the legacy signal, and the Update behind its patch', () => {
    const legacy = took(load('review-approved.json'));
    expect(legacy).toMatchObject({ signals: ['moderationDecision'], updates: [], patches: [] });
    const update = took(load('before-local-steps.review-update-approved.json'));
    expect(update).toMatchObject({ signals: [], updates: ['moderate'], patches: ['moderation-update'] });
    expect(update.activities).toContain('finishReview');
  });

  it('the histories from before the fast layout ran every step through the task queue', () => {
    for (const name of BEFORE_LOCAL_STEPS) {
      const t = took(load(`${name}.json`));
      expect(t.patches).not.toContain('local-steps');
      expect(t.local).toEqual([]);
      expect(t.activities[0]).toBe('prepareJob');
    }
  });

  // The same check the recorder ran before saving: a committed file that no longer shows its
  // path (edited, or recorded by a workflow that took another branch) fails here.
  it.each([...RECORDED_PATHS])('%s took its path, in the fast layout', (name) => {
    checkPath(name, load(`${name}.json`));
  });

  it.each([...RECORDED_PATHS])('%s from before the layout version took the same path by its patches', (name) => {
    checkPath(name, load(`patched-layout.${name}.json`), true);
  });
});
