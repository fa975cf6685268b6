export { createProgram } from './cli/program';
export { COMPATIBLE_AGENTSH_VERSION, VERSION, versionLine } from './version';
