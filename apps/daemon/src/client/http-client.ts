/** Default agentsh server URL (agentsh's own default). */
export const DEFAULT_SERVER = 'http://127.0.0.1:18080';

export interface ClientOptions {
  server?: string | undefined;
  apiKey?: string | undefined;
  timeoutMs?: number | undefined;
}

/** An HTTP error answer from the server: status plus agentsh's {"error": "..."} message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, message: string, body: unknown) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** A thin client for the agentsh HTTP API. */
export class AgentshClient {
  private readonly base: string;
  private readonly apiKey: string | undefined;
  private readonly timeoutMs: number;

  constructor(opts: ClientOptions = {}) {
    this.base = (opts.server ?? DEFAULT_SERVER).replace(/\/+$/, '');
    this.apiKey = opts.apiKey;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Sends a request and parses JSON; non-2xx answers throw ApiError unless `accept` lists the status. */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    accept: number[] = [],
  ): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.apiKey) headers['X-API-Key'] = this.apiKey;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new ApiError(
        0,
        `cannot reach agentsh server at ${this.base} (${(cause as Error).message})`,
        undefined,
      );
    }
    const text = await res.text();
    const data = parseJson(text);
    if (!res.ok && !accept.includes(res.status)) {
      const message =
        (data as { error?: string } | undefined)?.error ?? (text.trim() || `HTTP ${res.status}`);
      throw new ApiError(res.status, message, data);
    }
    return { status: res.status, data: data as T };
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
