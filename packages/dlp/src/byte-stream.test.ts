import { describe, expect, it } from 'vitest';
import { createRng } from '../test/random';
import { TOKEN_GENERATORS } from '../test/synthetic-tokens';
import { createRedactingTransform, createStreamRedactor } from './byte-stream';

const secret = TOKEN_GENERATORS.stripe_key?.(createRng(11)) ?? '';

describe('byte stream redactor', () => {
  it('decodes a multi-byte character split across chunks', () => {
    const bytes = new TextEncoder().encode(`€ key ${secret} 🙂`);
    const stream = createStreamRedactor();
    const parts = [stream.write(bytes.subarray(0, 1)), stream.write(bytes.subarray(1)), stream.end()];
    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe('€ key [REDACTED:STRIPE_KEY] 🙂');
  });

  it('works as a web TransformStream over an SSE body split inside a secret', async () => {
    const parts = ['data: {"key":"', secret.slice(0, 9), secret.slice(9), '"}\n\n'];
    const chunks = parts.map((part) => new TextEncoder().encode(part));
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const text = await new Response(source.pipeThrough(createRedactingTransform())).text();
    expect(text).toBe('data: {"key":"[REDACTED:STRIPE_KEY]"}\n\n');
  });
});
