import { z } from 'zod';

/** POST /api/v1/sessions (agentsh's CreateSessionRequest). */
export const CreateSessionRequestSchema = z
  .object({
    id: z.string().optional(),
    workspace: z.string().optional(),
    policy: z.string().optional(),
    profile: z.string().optional(),
    detect_project_root: z.boolean().optional(),
    project_root: z.string().optional(),
    real_paths: z.boolean().optional(),
  })
  .meta({ id: 'CreateSessionRequest' });
export type CreateSessionRequest = z.infer<typeof CreateSessionRequestSchema>;

/** PATCH /api/v1/sessions/{id}. */
export const PatchSessionRequestSchema = z
  .object({
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    unset: z.array(z.string()).optional(),
  })
  .meta({ id: 'PatchSessionRequest' });
export type PatchSessionRequest = z.infer<typeof PatchSessionRequestSchema>;

/** POST /api/v1/sessions/{id}/exec and /exec/stream (agentsh's ExecRequest). */
export const ExecRequestSchema = z
  .object({
    command: z.string(),
    argv0: z.string().optional(),
    args: z.array(z.string()).optional(),
    timeout: z.string().optional(),
    working_dir: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    stdin: z.string().optional(),
    stream_output: z.boolean().optional(),
    include_events: z.enum(['all', 'summary', 'blocked', 'none']).optional(),
  })
  .meta({ id: 'ExecRequest' });
export type ExecRequest = z.infer<typeof ExecRequestSchema>;

/** POST /api/v1/approvals/{id}. */
export const ResolveApprovalRequestSchema = z
  .object({
    decision: z.enum(['approve', 'allow', 'deny']),
    reason: z.string().optional(),
  })
  .meta({ id: 'ResolveApprovalRequest' });
export type ResolveApprovalRequest = z.infer<typeof ResolveApprovalRequestSchema>;

/** POST /api/v1/policy/test. */
export const PolicyTestRequestSchema = z
  .object({
    session_id: z.string().optional(),
    operation: z.string(),
    path: z.string(),
  })
  .meta({ id: 'PolicyTestRequest' });
export type PolicyTestRequest = z.infer<typeof PolicyTestRequestSchema>;

/** Every error body the API returns. */
export const ErrorBodySchema = z.object({ error: z.string() }).meta({ id: 'Error' });

/** A session as returned by the API. */
export const SessionSchema = z
  .object({
    id: z.string(),
    state: z.string(),
    created_at: z.string(),
    workspace: z.string(),
    policy: z.string(),
    cwd: z.string(),
    project_root: z.string().optional(),
    git_root: z.string().optional(),
  })
  .meta({ id: 'Session' });
