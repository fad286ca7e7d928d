// The command line of `npm run generate`, and the error that ends a run with its exit code.
export const USAGE = `usage: npm run generate -- "<description>" [--template <id>] [--api <url>] [--timeout <seconds>]
       npm run generate -- --modify <game_id> "<change>" [--api <url>] [--timeout <seconds>]
Signs in as PLAYFORGE_USER/PLAYFORGE_PASSWORD, or as a local cli_ account it registers once.`;

export class CliError extends Error {
  readonly code: 1 | 2 | 3;
  constructor(code: 1 | 2 | 3, message: string) {
    super(message);
    this.code = code;
  }
}

export interface Options { text: string; template?: string; modify?: string; api: string; timeoutMs: number }

export function parseArgs(argv: string[]): Options {
  const words: string[] = [];
  let template: string | undefined, modify: string | undefined, timeout = 600;
  let api = process.env.PLAYFORGE_API ?? 'http://localhost:3000';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(2, `${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--template') template = value();
    else if (a === '--modify') modify = value();
    else if (a === '--api') api = value();
    else if (a === '--timeout') timeout = Number(value());
    else if (a === '--help' || a === '-h') throw new CliError(2, USAGE);
    else if (a.startsWith('--')) throw new CliError(2, `unknown option ${a}\n${USAGE}`);
    else words.push(a);
  }
  const text = words.join(' ').trim();
  if (text.length < 3) {
    throw new CliError(2, `${modify ? 'say what to change' : 'describe the game'} (at least 3 characters)\n${USAGE}`);
  }
  if (modify && !/^[0-9a-f-]{36}$/i.test(modify)) {
    throw new CliError(2, `--modify needs a game id (a UUID), got ${JSON.stringify(modify)}`);
  }
  if (modify && template) throw new CliError(2, '--template applies to new games only');
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 86_400) {
    throw new CliError(2, '--timeout must be 1-86400 seconds');
  }
  let base: URL;
  try {
    base = new URL(api);
  } catch {
    throw new CliError(2, `--api must be an http(s) URL, got ${JSON.stringify(api)}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new CliError(2, '--api must be an http(s) URL');
  return { text, template, modify, api: base.origin, timeoutMs: timeout * 1000 };
}
