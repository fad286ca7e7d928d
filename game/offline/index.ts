// Offline template engine: the provider used when no LLM key is configured or every LLM
// failed. A sentence picks one of the canvas templates and sets its config block; nothing
// else in the game is written. Pure and deterministic: no I/O, no clock, no randomness.
//
//   analyzeDescription(text)                → Intent (template-independent)
//   chooseTemplate(intent, templates, id?)  → the template, its score and why
//   createGame(description, templates, opts?) → html + variables + changes + interpretation
//   modifyGame(request, currentHtml, template) → html + changes + summary (understood=false: unchanged)
//   renderTemplate / readConfig              → the config block, written safely / read back
export { analyze, analyzeDescription } from './analyze.ts';
export { chooseTemplate, DEFAULT_TEMPLATE_ID } from './choose.ts';
export { readConfig, renderTemplate } from './config.ts';
export { createGame, modifyGame } from './engine.ts';
export { OfflineEngineError } from './types.ts';
export type { Intent, OfflineCreateResult, OfflineModifyResult, TemplateSource, VariableChange } from './types.ts';
