import type { DecideFn } from '@agentsh/dns-proxy';
import type { Engine } from '@agentsh/policy';

export interface DecideOptions {
  /**
   * What an `approve` answer means for a name: 'deny' where nobody can approve (standalone proxy),
   * 'allow' in the daemon, where the connect to the resolved address is what gets parked for approval.
   */
  approve: 'allow' | 'deny';
}

/** decide() from a policy engine, the way agentsh judges DNS: dns_redirects, then network rules on port 443. */
export function decideFromEngine(engine: Engine, opts: DecideOptions = { approve: 'deny' }): DecideFn {
  return ({ name }) => {
    const result = engine.checkDns(name);
    const rule = result.rule;
    switch (result.effectiveDecision) {
      case 'redirect':
        return result.redirect?.kind === 'dns'
          ? { action: 'redirect', address: result.redirect.resolveTo, rule }
          : { action: 'allow', rule };
      case 'deny':
        return { action: 'deny', rule };
      case 'approve':
        return { action: opts.approve, rule };
      default:
        return { action: 'allow', rule };
    }
  };
}
