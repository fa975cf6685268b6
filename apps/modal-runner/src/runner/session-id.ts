const SESSION_RE = /session-[a-f0-9-]{36}/;

function idFromJson(output: string): string | undefined {
  const start = output.indexOf('{');
  const end = output.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const value: unknown = JSON.parse(output.slice(start, end + 1));
    if (
      value &&
      typeof value === 'object' &&
      'id' in value &&
      typeof value.id === 'string' &&
      value.id !== ''
    )
      return value.id;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The session id in `agentsh session create` output, as tests.py finds it: the "id" of a JSON object
 * when there is one, else `session-<uuid>` in the human output ("Session session-<uuid> started").
 */
export function parseSessionId(output: string): string | undefined {
  return idFromJson(output) ?? SESSION_RE.exec(output)?.[0];
}
