import { join } from 'node:path';
import { RunnerError } from '../errors';
import { STANDINS_CONFIG, STANDINS_DIR, STANDINS_LOG } from '../image/files';
import type { ImageSpec } from '../image/spec';
import type { Sandbox } from '../providers/types';
import { STANDIN_NET, standinAltNames } from './hosts';

/** System CA bundle inside the sandbox; gVisor's writable layer keeps the host's copy untouched. */
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * How the stand-in CA becomes trusted: `append` adds it to the system bundle (an isolated sandbox's own
 * copy); `bind` appends it to a copy and bind-mounts the copy over the bundle, which the local provider
 * needs: its commands share the host's files but run in a private mount namespace (`unshare --mount-proc
 * --propagation private`), so the mount is seen by them alone and the host's bundle is never written.
 */
export type CaTrust = 'append' | 'bind';

function trustLines(trust: CaTrust): string[] {
  if (trust === 'append') return [`cat ca.crt >> ${CA_BUNDLE}`];
  const copy = `${STANDINS_DIR}/ca-bundle.crt`;
  return [`cat ${CA_BUNDLE} ca.crt > ${copy}`, `mount --bind ${copy} ${CA_BUNDLE}`];
}

/** Shell that makes a throw-away CA and a server certificate for every stand-in name, and trusts the CA. */
export function certificateScript(trust: CaTrust = 'append'): string {
  const dir = STANDINS_DIR;
  const ec = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';
  return [
    'set -e',
    `cd ${dir}`,
    `openssl req -x509 ${ec} -keyout ca.key -out ca.crt -days 2 -subj "/CN=agentsh-modal stand-in CA" ` +
      '-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null',
    `openssl req ${ec} -keyout server.key -out server.csr -subj "/CN=agentsh-modal stand-in" 2>/dev/null`,
    `printf 'subjectAltName=${standinAltNames().join(',')}\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > ext.cnf`,
    'openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile ext.cnf 2>/dev/null',
    ...trustLines(trust),
  ].join('\n');
}

function launchScript(spec: ImageSpec): string {
  const script = join(spec.installRoot, 'apps', 'modal-runner', 'assets', 'standins.mjs');
  return [
    `ip addr add ${STANDIN_NET} dev lo 2>/dev/null || true`,
    `nohup node '${script}' ${STANDINS_CONFIG} > ${STANDINS_LOG} 2>&1 &`,
    `for i in $(seq 1 50); do grep -q 'standins ready' ${STANDINS_LOG} 2>/dev/null && exit 0; sleep 0.2; done`,
    `echo "stand-ins did not start:"; cat ${STANDINS_LOG}; exit 1`,
  ].join('\n');
}

/**
 * Starts the offline internet inside the sandbox: a DNS server and HTTP(S) servers on 127.77.0.0/16. On the
 * local provider they live in its private network namespace and the CA is trusted through a bind mount.
 */
export async function startStandins(sandbox: Sandbox, spec: ImageSpec): Promise<void> {
  const trust: CaTrust = sandbox.provider === 'local' ? 'bind' : 'append';
  const certs = await sandbox.exec(certificateScript(trust), { timeoutMs: 30_000 });
  if (certs.exitCode !== 0)
    throw new RunnerError(
      'RUNNER_STANDINS',
      `stand-in certificates failed in ${STANDINS_DIR}: ${certs.stderr}${certs.stdout}`,
    );
  const started = await sandbox.exec(launchScript(spec), { timeoutMs: 20_000 });
  if (started.exitCode !== 0) throw new RunnerError('RUNNER_STANDINS', started.stdout.slice(-1000));
}
