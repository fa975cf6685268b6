import { join } from 'node:path';
import { RunnerError } from '../errors';
import { STANDINS_CONFIG, STANDINS_DIR, STANDINS_LOG } from '../image/files';
import type { ImageSpec } from '../image/spec';
import type { Sandbox } from '../providers/types';
import { STANDIN_NET, standinAltNames } from './hosts';

/** System CA bundle inside the sandbox; gVisor's writable layer keeps the host's copy untouched. */
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** Shell that makes a throw-away CA and a server certificate for every stand-in name, and trusts the CA. */
export function certificateScript(): string {
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
    `cat ca.crt >> ${CA_BUNDLE}`,
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

/** Starts the offline internet inside an isolated sandbox. Never called for the local provider. */
export async function startStandins(sandbox: Sandbox, spec: ImageSpec): Promise<void> {
  if (sandbox.provider === 'local')
    throw new RunnerError(
      'RUNNER_STANDINS',
      'stand-ins run only inside an isolated sandbox, not on provider local',
    );
  const certs = await sandbox.exec(certificateScript(), { timeoutMs: 30_000 });
  if (certs.exitCode !== 0)
    throw new RunnerError(
      'RUNNER_STANDINS',
      `stand-in certificates failed in ${STANDINS_DIR}: ${certs.stderr}${certs.stdout}`,
    );
  const started = await sandbox.exec(launchScript(spec), { timeoutMs: 20_000 });
  if (started.exitCode !== 0) throw new RunnerError('RUNNER_STANDINS', started.stdout.slice(-1000));
}
