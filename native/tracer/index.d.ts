/** Raw binding of the native tracer. @agentsh/tracer wraps it; import that instead. */
export interface TracerNativeBinding {
  /** Version of the addon <-> helper protocol and policy table layout. */
  protocolVersion(): number;
  /** Absolute path of the agentsh-tracer helper executable. */
  readonly helperPath: string;
}

declare const binding: TracerNativeBinding;
export = binding;
