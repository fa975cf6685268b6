import type { Command } from 'commander';
import { type CliIo, clientFrom, processIo } from '../client-from';

/** `agentsh approve list` and `agentsh approve resolve ID --allow|--deny [--reason R]` (approver key). */
export function registerApproveCommand(program: Command, io: CliIo = processIo): void {
  const approve = program.command('approve').description('list and resolve pending approvals');

  approve
    .command('list')
    .description('pending approvals (JSON)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { data } = await clientFrom(cmd).request('GET', '/api/v1/approvals');
      io.out(`${JSON.stringify(data, null, 2)}\n`);
    });

  approve
    .command('resolve')
    .description('approve or deny a pending request')
    .argument('<id>')
    .option('--allow', 'approve it')
    .option('--deny', 'deny it')
    .option('--reason <text>', 'why')
    .action(async (id: string, opts: { allow?: boolean; deny?: boolean; reason?: string }, cmd: Command) => {
      if (Boolean(opts.allow) === Boolean(opts.deny))
        throw new Error('give exactly one of --allow or --deny');
      const body = {
        decision: opts.allow ? 'approve' : 'deny',
        ...(opts.reason ? { reason: opts.reason } : {}),
      };
      await clientFrom(cmd).request('POST', `/api/v1/approvals/${encodeURIComponent(id)}`, body);
      io.out('ok\n');
    });
}
