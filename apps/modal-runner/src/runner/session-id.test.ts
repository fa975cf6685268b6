import { describe, expect, it } from 'vitest';
import { parseSessionId } from './session-id';

const UUID_ID = 'session-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

describe('parseSessionId', () => {
  it("reads agentsh's human output", () => {
    expect(parseSessionId(`Session ${UUID_ID} started\n  Workspace: /root\n`)).toBe(UUID_ID);
  });

  it('prefers the "id" of a JSON object, even a caller-chosen one', () => {
    expect(parseSessionId('{"id":"my-session","workspace":"/root"}')).toBe('my-session');
    expect(parseSessionId(`log line\n{\n  "id": "${UUID_ID}",\n  "state": "ready"\n}\n`)).toBe(UUID_ID);
  });

  it('falls back to the regex when the JSON has no id', () => {
    expect(parseSessionId(`{"error":"x"} ${UUID_ID}`)).toBe(UUID_ID);
  });

  it('finds nothing in errors or short ids', () => {
    expect(parseSessionId('Error: connect ECONNREFUSED 127.0.0.1:18080')).toBeUndefined();
    expect(parseSessionId('session-1234')).toBeUndefined();
    expect(parseSessionId('{"id":""}')).toBeUndefined();
  });
});
