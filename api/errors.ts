// The one error shape every route answers with: {detail, error_code, context}.
export class AppError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly context: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number, errorCode: string, detail: string, context: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = status;
    this.errorCode = errorCode;
    this.context = context;
    this.headers = headers;
  }
}

export const notFound = (what: string, context: Record<string, unknown> = {}): AppError =>
  new AppError(404, 'not_found', `${what} not found`, context);
