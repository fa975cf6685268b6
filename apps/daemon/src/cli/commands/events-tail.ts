import http from 'node:http';
import type { AuditEvent } from '@agentsh/audit';
import type { Command } from 'commander';
import { DEFAULT_SERVER } from '../../client/http-client';
import { readCliEnv } from '../../env';
import type { AuditCliIo } from './audit';
import { formatEventLine } from './events';

/** Splits an SSE byte stream into `data:` payloads (the `ready` event's `{}` included). */
export function createSseParser(onData: (data: string, event: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) onData(data.join('\n'), event);
    }
  };
}

/** `agentsh events tail SID [--json]`: follows a session's live events until the server closes the stream. */
export function addEventsTail(events: Command, io: AuditCliIo): void {
  events
    .command('tail')
    .description('follow the live events of a session')
    .argument('<session>')
    .option('--json', 'one JSON event per line')
    .action((sid: string, opts: { json?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<{ server?: string; apiKey?: string }>();
      const env = readCliEnv();
      const url = new URL(
        `${global.server ?? env.server ?? DEFAULT_SERVER}/api/v1/sessions/${encodeURIComponent(sid)}/events`,
      );
      const apiKey = global.apiKey ?? env.apiKey;
      return new Promise<void>((resolve, reject) => {
        const req = http.get(url, { headers: apiKey ? { 'X-API-Key': apiKey } : {} }, (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`events tail: HTTP ${res.statusCode} for session ${sid}`));
            res.resume();
            return;
          }
          const parse = createSseParser((data, event) => {
            if (event === 'ready') return;
            io.out(opts.json ? `${data}\n` : `${formatEventLine(JSON.parse(data) as AuditEvent)}\n`);
          });
          res.setEncoding('utf8');
          res.on('data', parse);
          res.on('end', resolve);
        });
        req.on('error', reject);
      });
    });
}
