#!/usr/bin/env node
// The offline "internet", run INSIDE the sandbox only (runsc --network=none): an upstream DNS server
// (UDP and TCP) answering the stand-in names with loopback addresses, and HTTP/HTTPS servers on those
// addresses. Usage: node standins.mjs CONFIG.json  (written by the runner: see src/standins/).
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createServer as createTcp } from 'node:net';
import dnsPacket from 'dns-packet';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

function lookup(name) {
  const qname = name.toLowerCase().replace(/\.$/, '');
  const host = config.hosts.find((h) => qname === h.name || (h.wildcard && qname.endsWith(`.${h.name}`)));
  return host?.address;
}

function answer(query) {
  const question = query.questions?.[0];
  const address = question ? lookup(question.name) : undefined;
  const base = {
    id: query.id,
    type: 'response',
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
  };
  log(`dns ${question?.type} ${question?.name} -> ${address ?? 'NXDOMAIN'}`);
  // dns-packet encodes the rcode only through the low bits of flags (3 = NXDOMAIN).
  if (!question || !address) return { ...base, flags: base.flags | 3, questions: query.questions ?? [] };
  const answers = question.type === 'A' ? [{ type: 'A', name: question.name, ttl: 60, data: address }] : [];
  return { ...base, questions: query.questions, answers };
}

function startUdp() {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    try {
      socket.send(dnsPacket.encode(answer(dnsPacket.decode(msg))), rinfo.port, rinfo.address);
    } catch (err) {
      log(`dns udp: bad query (${err.message})`);
    }
  });
  return new Promise((resolve) => socket.bind(config.dns.port, config.dns.address, resolve));
}

function startTcpDns() {
  const server = createTcp((conn) => {
    let buf = Buffer.alloc(0);
    conn.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = buf.readUInt16BE(0);
        const reply = dnsPacket.encode(answer(dnsPacket.decode(buf.subarray(2, 2 + len))));
        buf = buf.subarray(2 + len);
        const head = Buffer.alloc(2);
        head.writeUInt16BE(reply.length);
        conn.write(Buffer.concat([head, reply]));
      }
    });
    conn.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(config.dns.port, config.dns.address, resolve));
}

function respond(req, res) {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    log(`http ${req.method} ${req.headers.host}${req.url} (${body.length} bytes)`);
    res.writeHead(200, { 'content-type': 'text/plain', server: 'agentsh-standin' });
    res.end(`stand-in for ${req.headers.host ?? 'unknown'}${req.url}\n`);
  });
}

function listen(server, port, address) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, resolve);
  });
}

async function main() {
  await startUdp();
  await startTcpDns();
  const tls = { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) };
  const addresses = [...new Set(config.hosts.map((h) => h.address))];
  for (const address of addresses) {
    await listen(createHttp(respond), 80, address);
    await listen(createHttps(tls, respond), 443, address);
  }
  log(`standins ready: dns ${config.dns.address}:${config.dns.port}, web on ${addresses.join(' ')}`);
}

main().catch((err) => {
  log(`standins failed: ${err.message}`);
  process.exit(1);
});
