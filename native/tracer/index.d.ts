/** A question for the C policy evaluator (tests only). relations: AT_REL_* bits (table.h). */
export type EvaluateQuestion =
  | { kind: 'file'; path: string; op: string }
  | { kind: 'exec'; path: string; args: string; depth: number }
  | { kind: 'signal'; signal: number; relations: number; targetPid: number; targetComm?: string }
  /** host: IP literal or name; names: newline-separated names that resolved to the address. */
  | { kind: 'network'; host: string; port: number; names?: string }
  | { kind: 'unix_socket'; path: string; op: string };

export interface EvaluateAnswer {
  decision: string;
  effective: string;
  rule: string;
  /** Redirect decisions: the file target (redirectTo + basename, or + the whole path) or the command. */
  redirect?: string;
}

/** Raw binding of the native tracer. @agentsh/tracer wraps it; import that instead. */
export interface TracerNativeBinding {
  /** Version of the addon <-> helper protocol and policy table layout. */
  protocolVersion(): number;
  /** Runs the helper's C evaluator on an encoded table (parity tests). Throws on a malformed table. */
  evaluateForTest(table: Uint8Array, question: EvaluateQuestion): EvaluateAnswer;
  /** Absolute path of the agentsh-tracer helper executable. */
  readonly helperPath: string;
}

declare const binding: TracerNativeBinding;
export = binding;
