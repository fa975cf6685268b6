import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type CliIo, clientFrom, processIo } from '../client-from';

interface SessionJson {
  id: string;
  policy: string;
  workspace: string;
}

/** `agentsh session create|list|info|destroy` with agentsh's output formats. */
export function registerSessionCommand(program: Command, io: CliIo = processIo): void {
  const session = program.command('session').description('manage sessions');

  session
    .command('create')
    .description('create a session')
    .option('--workspace <dir>', 'workspace directory', '.')
    .option('--policy <name>', 'policy name')
    .option('--id <id>', 'session id to use')
    .option('--json', 'print the session as JSON')
    .action(
      async (opts: { workspace: string; policy?: string; id?: string; json?: boolean }, cmd: Command) => {
        const body = {
          workspace: resolve(opts.workspace),
          ...(opts.policy ? { policy: opts.policy } : {}),
          ...(opts.id ? { id: opts.id } : {}),
        };
        const { data } = await clientFrom(cmd).request<SessionJson>('POST', '/api/v1/sessions', body);
        if (opts.json) io.out(`${JSON.stringify(data, null, 2)}\n`);
        else io.out(`Session ${data.id} started\n  Workspace: ${data.workspace}\n  Policy: ${data.policy}\n`);
      },
    );

  session
    .command('list')
    .description('list sessions (JSON)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { data } = await clientFrom(cmd).request<unknown[]>('GET', '/api/v1/sessions');
      io.out(`${JSON.stringify(data, null, 2)}\n`);
    });

  session
    .command('info')
    .description('show a session (JSON)')
    .argument('<id>')
    .option('--json', 'accepted for compatibility; output is always JSON')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const { data } = await clientFrom(cmd).request('GET', `/api/v1/sessions/${encodeURIComponent(id)}`);
      io.out(`${JSON.stringify(data, null, 2)}\n`);
    });

  session
    .command('destroy')
    .description('destroy a session')
    .argument('<id>')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await clientFrom(cmd).request('DELETE', `/api/v1/sessions/${encodeURIComponent(id)}`);
      io.out('ok\n');
    });
}
