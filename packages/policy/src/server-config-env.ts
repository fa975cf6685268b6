type Env = Readonly<Record<string, string | undefined>>;
type Obj = Record<string, unknown>;

function setIn(root: Obj, path: readonly string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Obj;
  }
  node[path[path.length - 1] as string] = value;
}

const OVERRIDES: readonly [string, readonly string[]][] = [
  ['AGENTSH_PLATFORM_MODE', ['platform', 'mode']],
  ['AGENTSH_HTTP_ADDR', ['server', 'http', 'addr']],
  ['AGENTSH_GRPC_ADDR', ['server', 'grpc', 'addr']],
  ['AGENTSH_LOG_LEVEL', ['logging', 'level']],
  ['AGENTSH_PROXY_MODE', ['proxy', 'mode']],
  ['AGENTSH_DLP_MODE', ['dlp', 'mode']],
  ['AGENTSH_OTEL_PROTOCOL', ['audit', 'otel', 'protocol']],
];

/**
 * agentsh's AGENTSH_* overrides, applied to the raw document before validation (so a bad value is
 * reported like a bad key). AGENTSH_DATA_DIR sets sessions.base_dir and audit.storage.sqlite_path.
 */
export function applyEnvOverrides(raw: Obj, env: Env): Obj {
  const doc = structuredClone(raw);
  for (const [name, path] of OVERRIDES) {
    const v = env[name];
    if (v !== undefined && v !== '') setIn(doc, path, v);
  }
  const port = env.AGENTSH_PROXY_PORT;
  if (port !== undefined && port !== '')
    setIn(doc, ['proxy', 'port'], /^\d+$/.test(port) ? Number(port) : port);
  const otel = env.AGENTSH_OTEL_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (otel) setIn(doc, ['audit', 'otel', 'endpoint'], otel);
  const dataDir = env.AGENTSH_DATA_DIR;
  if (dataDir) {
    setIn(doc, ['sessions', 'base_dir'], `${dataDir}/sessions`);
    setIn(doc, ['audit', 'storage', 'sqlite_path'], `${dataDir}/events.db`);
  }
  return doc;
}
