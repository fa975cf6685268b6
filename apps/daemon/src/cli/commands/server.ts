import type { Command } from 'commander';
import { readCliEnv } from '../../env';
import { loadDaemonConfig, locateConfig } from '../../server/config-file';
import { startDaemon } from '../../server/daemon';

/** `agentsh server [--config FILE]`: runs until SIGTERM/SIGINT, then stops cleanly. */
export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('run the agentsh server (HTTP API)')
    .option(
      '--config <file>',
      'config file (default: AGENTSH_CONFIG, ./config.yml, ./config.yaml, /etc/agentsh/config.yaml)',
    )
    .action(async (opts: { config?: string }) => {
      const file = locateConfig(opts.config, readCliEnv().config);
      const config = loadDaemonConfig(file, process.env);
      const daemon = await startDaemon({ config, env: process.env });
      daemon.logger.info('config loaded', { file: file ?? '(defaults)' });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          daemon.logger.info('shutting down', { signal });
          void daemon.stop().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
