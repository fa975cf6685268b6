import { createBaseProgram, runProgram } from './base-program';
import { registerApproveCommand } from './commands/approve';
import { registerExecCommand } from './commands/exec';
import { registerSessionCommand } from './commands/session';

/**
 * The light entry for the client verbs the agent runs all the time (exec, session, approve): it loads
 * no server module (SQLite, hono, policy, tracer), so each `agentsh exec` starts fast.
 */
const program = createBaseProgram();
registerSessionCommand(program);
registerExecCommand(program);
registerApproveCommand(program);
runProgram(program);
