import { measureActivation } from '../extension/activation-time.js';
import { packageExtension } from '../extension/extension-artifacts.js';
import type { ResultRow } from '../results-table.js';
import { spread } from '../stats.js';
import { plan } from './bench-plan.js';

const KB = 1024;

function notMeasured(id: string, measurement: string, unit: string, target: string, why: string) {
  return {
    id,
    measurement,
    unit,
    ours: null,
    theirs: null,
    theirsName: '',
    target,
    met: undefined,
    note: `not measured: ${why}`,
  } satisfies ResultRow;
}

/** Sizes of the packaged extension and its activation time in code-server's extension host. */
export async function measureExtension() {
  const bundleTitle = 'Extension bundle, dist/extension.js (minified)';
  const vsixTitle = 'Extension .vsix';
  const activationTitle =
    'Extension activation in code-server’s extension host (load bundle + activate())';
  const artifacts = packageExtension();
  if ('reason' in artifacts) {
    return {
      rows: [
        notMeasured('5a', bundleTitle, 'KB', '< 200 KB', artifacts.reason),
        notMeasured('5b', vsixTitle, 'KB', '', artifacts.reason),
        notMeasured('5c', activationTitle, 'ms', '< 20 ms', artifacts.reason),
      ],
      raw: { artifacts },
    };
  }
  const bundleKb = artifacts.bundleBytes / KB;
  const rows: ResultRow[] = [
    {
      id: '5a',
      measurement: bundleTitle,
      unit: 'KB',
      ours: { median: bundleKb, min: bundleKb, max: bundleKb, runs: 1 },
      theirs: null,
      theirsName: '',
      target: '< 200 KB',
      met: bundleKb < 200,
      note: `${(artifacts.bundleGzipBytes / KB).toFixed(0)} KB gzipped`,
    },
    {
      id: '5b',
      measurement: vsixTitle,
      unit: 'KB',
      ours: {
        median: artifacts.vsixBytes / KB,
        min: artifacts.vsixBytes / KB,
        max: artifacts.vsixBytes / KB,
        runs: 1,
      },
      theirs: null,
      theirsName: '',
      target: '',
      met: undefined,
    },
  ];
  let activation: Awaited<ReturnType<typeof measureActivation>> | undefined;
  try {
    activation = await measureActivation(
      artifacts.vsix,
      artifacts.extensionId,
      plan.activationRuns,
    );
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    rows.push(notMeasured('5c', activationTitle, 'ms', '< 20 ms', why));
    return { rows, raw: { artifacts } };
  }
  const total = spread(activation.map((r) => r.activationMs));
  const load = spread(activation.map((r) => r.loadMs));
  const activate = spread(activation.map((r) => r.activateMs));
  rows.push(
    {
      id: '5c',
      measurement: activationTitle,
      unit: 'ms',
      ours: total,
      theirs: null,
      theirsName: '',
      target: '< 20 ms',
      met: total.median < 20,
      note: `Node ${activation[0]?.node ?? '?'}${activation.some((r) => r.wasActive) ? '; the extension was already active in some runs' : ''}`,
    },
    {
      id: '5d',
      measurement: 'of which loading dist/extension.js',
      unit: 'ms',
      ours: load,
      theirs: null,
      theirsName: '',
      target: '',
      met: undefined,
    },
    {
      id: '5e',
      measurement: 'of which activate()',
      unit: 'ms',
      ours: activate,
      theirs: null,
      theirsName: '',
      target: '',
      met: undefined,
    },
  );
  return { rows, raw: { artifacts, activation } };
}
