// Every console resource, composed from one file per area (moderation, runs, templates,
// users, progression, catalogue) so each area's actions and rules live together.
import type { ApiDeps } from '../../api/services/deps.ts';
import { catalogueResources } from './catalogue.ts';
import { moderationResources } from './moderation.ts';
import { progressionResources } from './progression.ts';
import { runsResources } from './runs.ts';
import { templateResources } from './templates.ts';
import { userResources } from './users.ts';
import { flagResources } from './flags.ts';

export function consoleResources(deps: ApiDeps) {
  return [
    ...moderationResources(deps),
    ...runsResources(deps),
    ...templateResources(deps),
    ...userResources(deps),
    ...progressionResources(deps),
    ...catalogueResources(deps),
    ...flagResources(deps),
  ];
}
