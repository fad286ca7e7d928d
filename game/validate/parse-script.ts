// One script's source to an ESTree Program. esprima 4 first (the parser the pipeline
// standardised on), acorn with ecmaVersion 'latest' when esprima fails: esprima stopped at
// ES2017, and generated games use ?., ??, class fields and #private all the time, so
// "esprima cannot read this" must never be reported as "this is not JavaScript".
import esprima from 'esprima';
import * as acorn from 'acorn';
import type * as ESTree from 'estree';

export type ParserName = 'esprima' | 'acorn' | 'none';

export interface ParsedScript {
  ast: ESTree.Program | null;
  parser: ParserName;
  /** Comment ranges (offsets in the parsed code), for rules that read around them. */
  comments: [number, number][];
  /** Set when no parser could read the code: offset of the error in the parsed code. */
  error?: { message: string; offset: number };
}

export interface ParseOptions {
  module?: boolean;
}

function parseWithEsprima(code: string, module: boolean): ParsedScript {
  const options = { range: true, comment: true };
  const ast = (module ? esprima.parseModule(code, options) : esprima.parseScript(code, options)) as ESTree.Program & {
    comments?: { range?: [number, number] }[];
  };
  const comments = (ast.comments ?? []).flatMap((c) => (c.range ? [c.range] : []));
  return { ast, parser: 'esprima', comments };
}

function parseWithAcorn(code: string, module: boolean): ParsedScript {
  const comments: [number, number][] = [];
  const ast = acorn.parse(code, {
    ecmaVersion: 'latest',
    sourceType: module ? 'module' : 'script',
    // Positions come from acorn's own start/end (see startOf): `ranges` would cost a quarter more.
    allowHashBang: true,
    onComment: (_block, _text, start, end) => { comments.push([start, end]); },
  }) as unknown as ESTree.Program;
  return { ast, parser: 'acorn', comments };
}

/** esprima is quadratic in a run of comments with no token between them (40,000 `//` lines
 *  take seconds, acorn a few ms). Games carry a few hundred comments at most: past this many
 *  comment openers acorn, which reads everything esprima does, parses alone. */
const ESPRIMA_MAX_COMMENTS = 2000;

function commentOpeners(code: string, limit: number): number {
  let n = 0;
  for (const opener of ['//', '/*', '<!--']) {
    for (let i = code.indexOf(opener); i >= 0 && n <= limit; i = code.indexOf(opener, i + opener.length)) n++;
  }
  return n;
}

/** Parse `code`; never throws. `parser: 'none'` with `error` when neither parser can read it. */
export function parseScript(code: string, opts: ParseOptions = {}): ParsedScript {
  const module = opts.module === true;
  if (commentOpeners(code, ESPRIMA_MAX_COMMENTS) <= ESPRIMA_MAX_COMMENTS) {
    try {
      return parseWithEsprima(code, module);
    } catch {
      // esprima is ES2017-only: fall through to the modern parser before judging the code.
    }
  }
  try {
    return parseWithAcorn(code, module);
  } catch (err) {
    const e = err as { message?: string; pos?: number };
    const message = String(e.message ?? err).replace(/\s*\(\d+:\d+\)$/, '');
    return {
      ast: null, parser: 'none', comments: [], error: { message, offset: typeof e.pos === 'number' ? e.pos : 0 },
    };
  }
}

/** Browsers run an `on*` attribute as the body of `function (event) { … }`; parse it the same
 *  way so `return false` is legal. The prefix length lets positions map back to the attribute. */
export const HANDLER_PREFIX = '(function (event) {';
export const HANDLER_SUFFIX = '\n})';

/** Offsets of a node in the parsed code: esprima gives `range`, acorn `start`/`end`. */
export function startOf(node: { range?: [number, number] }): number {
  return node.range ? node.range[0] : ((node as { start?: number }).start ?? 0);
}

export function endOf(node: { range?: [number, number] }): number {
  return node.range ? node.range[1] : ((node as { end?: number }).end ?? 0);
}
