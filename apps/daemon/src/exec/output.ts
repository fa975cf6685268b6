import type { OutputRedactor } from './types';

/** agentsh keeps 1 MiB per stream in the exec response; the full output goes to storage. */
export const MAX_RESPONSE_OUTPUT_BYTES = 1024 * 1024;

/**
 * Collects one stream of a command: redacted before anything else sees it, kept in full for storage,
 * and capped for the response.
 */
export class OutputCapture {
  private readonly parts: string[] = [];
  private totalBytes = 0;
  private readonly redactor: OutputRedactor;
  private readonly onText: ((text: string) => void) | undefined;

  constructor(redactor: OutputRedactor, onText?: (text: string) => void) {
    this.redactor = redactor;
    this.onText = onText;
  }

  push(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    this.append(this.redactor.push(chunk));
  }

  end(): void {
    this.append(this.redactor.end());
  }

  /** Redacted output, whole. */
  text(): string {
    return this.parts.join('');
  }

  /** Redacted output cut to the response limit, and whether it was cut. */
  forResponse(): { text: string; truncated: boolean } {
    const full = Buffer.from(this.text(), 'utf8');
    if (full.length <= MAX_RESPONSE_OUTPUT_BYTES) return { text: full.toString('utf8'), truncated: false };
    return { text: full.subarray(0, MAX_RESPONSE_OUTPUT_BYTES).toString('utf8'), truncated: true };
  }

  /** Bytes the command wrote (before redaction). */
  get rawBytes(): number {
    return this.totalBytes;
  }

  private append(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.onText?.(text);
  }
}
