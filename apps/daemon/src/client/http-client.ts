import http from 'node:http';
import https from 'node:https';

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
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    if (this.apiKey) headers['X-API-Key'] = this.apiKey;
    const { status, text } = await send(new URL(`${this.base}${path}`), {
      method,
      headers,
      payload,
      timeoutMs: this.timeoutMs,
    }).catch((cause: Error) => {
      throw new ApiError(0, `cannot reach agentsh server at ${this.base} (${cause.message})`, undefined);
    });
    const data = parseJson(text);
    if ((status < 200 || status > 299) && !accept.includes(status)) {
      const message = (data as { error?: string } | undefined)?.error ?? (text.trim() || `HTTP ${status}`);
      throw new ApiError(status, message, data);
    }
    return { status, data: data as T };
  }
}

interface SendOptions {
  method: string;
  headers: Record<string, string>;
  payload: string | undefined;
  timeoutMs: number;
}

/** One HTTP/1.1 exchange with node:http (fetch's undici costs tens of ms at CLI start-up). */
function send(url: URL, opts: SendOptions): Promise<{ status: number; text: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: opts.method, headers: opts.headers, timeout: opts.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(opts.payload);
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
