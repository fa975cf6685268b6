import { z } from 'zod';
import { VERSION } from '../version';
import {
  CreateSessionRequestSchema,
  ErrorBodySchema,
  ExecRequestSchema,
  PatchSessionRequestSchema,
  PolicyTestRequestSchema,
  ResolveApprovalRequestSchema,
  SessionSchema,
} from './schemas';

const SCHEMAS = {
  CreateSessionRequest: CreateSessionRequestSchema,
  PatchSessionRequest: PatchSessionRequestSchema,
  ExecRequest: ExecRequestSchema,
  ResolveApprovalRequest: ResolveApprovalRequestSchema,
  PolicyTestRequest: PolicyTestRequestSchema,
  Session: SessionSchema,
  Error: ErrorBodySchema,
} as const;

type SchemaName = keyof typeof SCHEMAS;

interface Operation {
  summary: string;
  body?: SchemaName;
  ok: { status: number; schema?: SchemaName; list?: boolean; text?: boolean };
}

/** Routes as [method, path, operation]; the document is generated from the same zod schemas the routes use. */
const ROUTES: [string, string, Operation][] = [
  ['get', '/health', { summary: 'Liveness', ok: { status: 200, text: true } }],
  ['get', '/ready', { summary: 'Readiness (tracer probe passed)', ok: { status: 200, text: true } }],
  ['get', '/metrics', { summary: 'Prometheus metrics', ok: { status: 200, text: true } }],
  [
    'post',
    '/api/v1/sessions',
    { summary: 'Create a session', body: 'CreateSessionRequest', ok: { status: 201, schema: 'Session' } },
  ],
  [
    'get',
    '/api/v1/sessions',
    { summary: 'List sessions', ok: { status: 200, schema: 'Session', list: true } },
  ],
  ['get', '/api/v1/sessions/{id}', { summary: 'Get a session', ok: { status: 200, schema: 'Session' } }],
  [
    'patch',
    '/api/v1/sessions/{id}',
    { summary: 'Change cwd/env', body: 'PatchSessionRequest', ok: { status: 200, schema: 'Session' } },
  ],
  ['delete', '/api/v1/sessions/{id}', { summary: 'Destroy a session', ok: { status: 204 } }],
  [
    'post',
    '/api/v1/sessions/{id}/exec',
    { summary: 'Run a command under the policy', body: 'ExecRequest', ok: { status: 200 } },
  ],
  [
    'post',
    '/api/v1/sessions/{id}/exec/stream',
    { summary: 'Run a command, stream output (SSE)', body: 'ExecRequest', ok: { status: 200, text: true } },
  ],
  [
    'get',
    '/api/v1/sessions/{id}/events',
    { summary: 'Live session events (SSE)', ok: { status: 200, text: true } },
  ],
  ['get', '/api/v1/sessions/{id}/history', { summary: 'Stored events of a session', ok: { status: 200 } }],
  [
    'get',
    '/api/v1/sessions/{id}/output/{cmdId}',
    { summary: 'A slice of stored command output', ok: { status: 200 } },
  ],
  ['get', '/api/v1/events/search', { summary: 'Search stored events', ok: { status: 200 } }],
  ['get', '/api/v1/policies', { summary: 'List policies (admin)', ok: { status: 200 } }],
  ['get', '/api/v1/policies/{name}', { summary: 'A policy file (admin)', ok: { status: 200, text: true } }],
  [
    'post',
    '/api/v1/policies/validate',
    { summary: 'Validate a policy YAML body (admin)', ok: { status: 200 } },
  ],
  [
    'post',
    '/api/v1/policy/test',
    { summary: 'One decision with a session policy', body: 'PolicyTestRequest', ok: { status: 200 } },
  ],
  ['get', '/api/v1/approvals', { summary: 'Pending approvals (approver/admin)', ok: { status: 200 } }],
  [
    'post',
    '/api/v1/approvals/{id}',
    { summary: 'Resolve an approval (approver/admin)', body: 'ResolveApprovalRequest', ok: { status: 200 } },
  ],
  [
    'post',
    '/api/v1/sessions/{id}/exec/raw',
    {
      summary: 'Run a command, output as binary frames (native client)',
      body: 'ExecRequest',
      ok: { status: 200 },
    },
  ],
  ['post', '/api/v1/sessions/{id}/kill/{cmdId}', { summary: 'Kill a running command', ok: { status: 200 } }],
];

function ref(name: SchemaName): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

function operation(op: Operation): Record<string, unknown> {
  const content = op.ok.text
    ? { 'text/plain': { schema: { type: 'string' } } }
    : op.ok.schema
      ? {
          'application/json': {
            schema: op.ok.list ? { type: 'array', items: ref(op.ok.schema) } : ref(op.ok.schema),
          },
        }
      : undefined;
  return {
    summary: op.summary,
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }
      : {}),
    responses: {
      [op.ok.status]: { description: 'OK', ...(content ? { content } : {}) },
      default: { description: 'Error', content: { 'application/json': { schema: ref('Error') } } },
    },
  };
}

/** OpenAPI 3.1 document for the routes above. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path, op] of ROUTES) {
    paths[path] = { ...(paths[path] ?? {}), [method]: operation(op) };
  }
  const schemas = Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, schema]) => [name, z.toJSONSchema(schema)]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'agentsh API', version: VERSION },
    paths,
    components: { schemas },
  };
}
