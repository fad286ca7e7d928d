// One script's source to an ESTree Program, with acorn (ecmaVersion 'latest'): one parser for
// every rule, so there is one AST shape and positions are always acorn's `start`/`end`.
// Classic scripts are sloppy code, read as browsers read them: `with`, legacy octal escapes and
// HTML-like comments (`<!--`, `-->` at a line start) are legal in a script and not in a module.
import * as acorn from 'acorn';
import type * as ESTree from 'estree';

export type ParserName = 'acorn' | 'none';

export interface ParsedScript {
  ast: ESTree.Program | null;
  parser: ParserName;
  /** Comment ranges (offsets in the parsed code), for rules that read around them. */
  comments: [number, number][];
  /** Set when the parser cannot read the code: offset of the error in the parsed code. */
  error?: { message: string; offset: number };
}

export interface ParseOptions {
  module?: boolean;
}

/** Parse `code`; never throws. `parser: 'none'` with `error` when acorn cannot read it. */
export function parseScript(code: string, opts: ParseOptions = {}): ParsedScript {
  const module = opts.module === true;
  const comments: [number, number][] = [];
  try {
    const ast = acorn.parse(code, {
      ecmaVersion: 'latest',
      sourceType: module ? 'module' : 'script',
      // Positions come from acorn's own start/end (see startOf): `ranges` would cost a quarter more.
      allowHashBang: true,
      onComment: (_block, _text, start, end) => { comments.push([start, end]); },
    }) as unknown as ESTree.Program;
    return { ast, parser: 'acorn', comments };
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

/** Offsets of a node in the parsed code (acorn's `start`/`end`). */
export function startOf(node: object): number {
  return (node as { start?: number }).start ?? 0;
}

export function endOf(node: object): number {
  return (node as { end?: number }).end ?? 0;
}
