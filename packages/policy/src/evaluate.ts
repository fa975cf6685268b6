import type { PolicyDecisionResult } from './decision';
import type { Engine } from './engine';
import type { Question } from './question';
import { expandSignal } from './signals';

/** A validated question's signal as a number. */
export function signalNumber(signal: number | string): number {
  return expandSignal(signal)?.[0] ?? 0;
}

/** Answers one question with the engine (a thin dispatcher over the Engine methods). */
export function evaluate(engine: Engine, q: Question): PolicyDecisionResult {
  switch (q.kind) {
    case 'file':
      return engine.checkFile(q.path, q.operation, q.target);
    case 'command':
      return engine.checkCommand(q.command, q.args, q.depth);
    case 'execve':
      return engine.checkExecve(q.path, q.argv, q.depth);
    case 'network':
      return engine.checkNetwork(q.host, q.port, q.names);
    case 'dns':
      return engine.checkDns(q.name);
    case 'env':
      return engine.checkEnv(q.name);
    case 'unix_socket':
      return engine.checkUnixSocket(q.path, q.operation);
    case 'signal':
      return engine.checkSignal(signalNumber(q.signal), { relations: q.relations, pid: q.pid, comm: q.comm });
  }
}
