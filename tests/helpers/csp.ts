// A Content-Security-Policy header read as directive name → its sources.
export const cspDirectives = (csp: string): Map<string, string> => new Map(
  csp.split(';').map((d) => d.trim()).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]),
);
