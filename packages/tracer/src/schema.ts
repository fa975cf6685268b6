import { z } from 'zod';
import { FILE_OPS } from './table';

const decision = z.enum(['allow', 'deny', 'approve', 'redirect', 'audit', 'soft_delete']);
const effective = z.enum(['allow', 'deny', 'approve', 'redirect', 'soft_delete']);
const ruleBase = {
  name: z.string().min(1),
  decision,
  effective,
  message: z.string().optional(),
  timeoutMs: z.number().int().min(0).max(0xffffffff).optional(),
};
const fileOp = z.enum(FILE_OPS as [string, ...string[]]);

/** Structural check of a compiled table at the tracer's boundary (docs/compiled-policy.md). */
export const policyTableSchema = z.looseObject({
  format: z.literal(1),
  name: z.string(),
  stop: z.object({
    exec: z.boolean(),
    file: z.boolean(),
    readOnlyOpen: z.boolean(),
    network: z.boolean(),
    unixSocket: z.boolean(),
    signal: z.boolean(),
  }),
  file: z.array(
    z.looseObject({
      ...ruleBase,
      globs: z.array(z.string()),
      ops: z.union([z.literal('*'), z.array(fileOp)]),
      redirectTo: z.string().optional(),
      preserveTree: z.boolean().optional(),
    }),
  ),
  command: z.array(
    z.looseObject({
      ...ruleBase,
      fullPaths: z.array(z.string()),
      pathGlobs: z.array(z.string()),
      names: z.array(z.string()),
      nameGlobs: z.array(z.string()),
      anyCommand: z.boolean(),
      args: z.array(z.object({ source: z.string(), ere: z.string(), caseInsensitive: z.boolean() })),
      minDepth: z.number().int(),
      maxDepth: z.number().int(),
      redirect: z
        .object({ command: z.string(), args: z.array(z.string()), argsAppend: z.array(z.string()) })
        .optional(),
    }),
  ),
  network: z.array(
    z.looseObject({
      ...ruleBase,
      domains: z.array(z.string()),
      ports: z.array(z.number().int().min(0).max(65535)),
      cidrs: z.array(z.string()),
    }),
  ),
  unixSocket: z.array(
    z.looseObject({
      ...ruleBase,
      paths: z.array(z.string()),
      ops: z.union([z.literal('*'), z.array(z.enum(['connect', 'bind', 'listen', 'sendto']))]),
    }),
  ),
  signal: z.array(
    z.looseObject({
      ...ruleBase,
      signals: z.array(z.number().int().min(1).max(64)),
      target: z.object({
        type: z.string(),
        pattern: z.string().optional(),
        min: z.number().int().optional(),
        max: z.number().int().optional(),
      }),
    }),
  ),
  dnsRedirects: z.array(z.unknown()),
  connectRedirects: z.array(
    z.looseObject({
      name: z.string(),
      pattern: z.string(),
      redirectTo: z.string(),
      caseInsensitive: z.boolean().optional(),
    }),
  ),
});

const stdioEntry = z.union([z.enum(['inherit', 'pipe', 'ignore']), z.number().int().min(0)]);

/** Options of spawnTraced() other than the table and the approval callback (validated once). */
export const spawnOptionsSchema = z.object({
  argv: z.array(z.string()).min(1, 'argv needs at least the command'),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().min(1).optional(),
  stdio: z.union([stdioEntry, z.tuple([stdioEntry, stdioEntry, stdioEntry])]).optional(),
  quarantineDir: z.string().min(1).optional(),
  fence: z.string().startsWith('/', 'fence must be an absolute path').optional(),
  idlePolling: z.boolean().optional(),
  approvalTimeoutMs: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600_000)
    .optional(),
  dns: z
    .object({
      host: z.ipv4(),
      port: z.number().int().min(1).max(65535),
      host6: z.ipv6().optional(),
      port6: z.number().int().min(1).max(65535).optional(),
    })
    .optional(),
});

export type StdioOption = z.infer<typeof stdioEntry>;
