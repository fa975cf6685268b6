import { writeFileSync } from 'node:fs';
import { readRunnerEnv } from '../env';
import { buildImageSpec, type ImageSpec } from '../image/spec';
import { STATX_ENV_INJECT } from '../image/statx-shim';
import { chooseProvider, createProvider } from '../providers/choose';
import type { Provider } from '../providers/types';
import {
  allPassed,
  headerLines,
  jsonReport,
  progressLine,
  sectionLine,
  setupLine,
  summaryLines,
} from '../runner/report';
import { runSuite } from '../runner/run-suite';
import type { ProviderName, SuiteName } from '../suites/names';
import { SUITE_BY_NAME } from '../suites/registry';
import { selectChecks } from '../suites/select';

export interface RunCommandOptions {
  readonly provider?: ProviderName;
  readonly json?: string;
  readonly budgetSeconds: number;
  /** Run only these check ids (and the session check they need). */
  readonly only?: readonly string[];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A provider that could not be built still yields a report in which every check fails with the reason. */
function brokenProvider(name: ProviderName, err: unknown): Provider {
  const reason = message(err);
  return {
    name,
    isolated: name !== 'local',
    warning: undefined,
    create: () => Promise.reject(new Error(reason)),
  };
}

function specFor(provider: ProviderName): ImageSpec | Error {
  try {
    const envInject = provider === 'gvisor' ? STATX_ENV_INJECT : {};
    return buildImageSpec({ upload: provider === 'modal', envInject });
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** `agentsh-modal <suite>`: runs the suite, prints live progress and a summary, returns the exit code. */
export async function runCommand(
  suiteName: SuiteName,
  o: RunCommandOptions,
  print: (line: string) => void,
): Promise<number> {
  const env = readRunnerEnv();
  const suite = o.only ? selectChecks(SUITE_BY_NAME[suiteName], o.only) : SUITE_BY_NAME[suiteName];
  const choice = chooseProvider(o.provider, env);
  const provider = await createProvider(choice.name, env, suite.appName).catch((err: unknown) =>
    brokenProvider(choice.name, err),
  );
  for (const line of headerLines({
    ...suite,
    provider: provider.name,
    providerReason: choice.reason,
    warning: provider.warning,
  }))
    print(line);
  const run = await runSuite({
    suite,
    provider,
    providerReason: choice.reason,
    spec: specFor(provider.name),
    budgetMs: o.budgetSeconds * 1000,
    events: {
      onSetup: (s) => print(setupLine(s)),
      onSection: (section, narration) => print(sectionLine(section, narration)),
      onResult: (r) => print(progressLine(r)),
    },
  });
  for (const line of summaryLines(run)) print(line);
  if (o.json) {
    writeFileSync(o.json, jsonReport(run));
    print(`JSON report: ${o.json}`);
  }
  return allPassed(run) ? 0 : 1;
}
