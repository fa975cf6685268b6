import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AgentClient } from './agent-client';
import { parseAgentMessage } from './agent-protocol';

/** An in-process stand-in for the agent: reads requests, answers with `reply`. */
function wire(reply: (req: Record<string, unknown>, send: (msg: object) => void) => void) {
  const toAgent = new PassThrough();
  const fromAgent = new PassThrough();
  const send = (msg: object) => fromAgent.write(`${JSON.stringify(msg)}\n`);
  toAgent.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) reply(JSON.parse(line), send);
  });
  return { client: new AgentClient(toAgent, fromAgent), send };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('AgentClient', () => {
  it('collects streamed stdout and stderr per request and resolves on exit', async () => {
    const { client } = wire((req, send) => {
      send({ id: req.id, t: 'out', d: b64('one ') });
      send({ id: req.id, t: 'err', d: b64('warn') });
      send({ id: req.id, t: 'out', d: b64('two') });
      send({ id: req.id, t: 'exit', code: 3, timedOut: false });
    });
    const chunks: string[] = [];
    const r = await client.exec('x', { onStdout: (c) => chunks.push(c) });
    expect(r).toMatchObject({ exitCode: 3, stdout: 'one two', stderr: 'warn', timedOut: false });
    expect(chunks).toEqual(['one ', 'two']);
  });

  it('keeps concurrent requests apart by id', async () => {
    const { client } = wire((req, send) => {
      setTimeout(() => send({ id: req.id, t: 'out', d: b64(String(req.cmd)) }), req.cmd === 'a' ? 20 : 0);
      setTimeout(() => send({ id: req.id, t: 'exit', code: 0 }), 30);
    });
    const [a, b] = await Promise.all([client.exec('a'), client.exec('b')]);
    expect([a.stdout, b.stdout]).toEqual(['a', 'b']);
  });

  it('turns a failed write into a RunnerError and fails pending requests when the agent goes away', async () => {
    const { client } = wire((req, send) => {
      if (req.op === 'write') send({ id: req.id, t: 'fail', message: 'write /etc/x: EROFS' });
    });
    await expect(client.write('/etc/x', new Uint8Array([1]))).rejects.toThrow('write /etc/x: EROFS');
    const pending = client.exec('sleep');
    client.close('gvisor sandbox ended (exit 1)');
    await expect(pending).rejects.toThrow('gvisor sandbox ended');
    await expect(client.exec('later')).rejects.toThrow('gvisor sandbox ended');
  });

  it('ignores lines that are not agent messages', () => {
    expect(parseAgentMessage('runsc: some log line')).toBeUndefined();
    expect(parseAgentMessage('{"t":"nope"}')).toBeUndefined();
    expect(parseAgentMessage('{"t":"exit","id":1,"code":0}')).toEqual({ t: 'exit', id: 1, code: 0 });
  });
});
