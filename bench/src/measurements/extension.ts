import { measureActivation } from '../extension/activation-time.js';
import { type ExtensionArtifacts, packageExtension } from '../extension/extension-artifacts.js';
import { measureStudio, type StudioRun } from '../extension/studio-time.js';
import type { ResultRow } from '../results-table.js';
import { type Spread, spread } from '../stats.js';
import { plan } from './bench-plan.js';

const KB = 1024;
/** The file the activation file requires on the first edit (see apps/vscode/scripts/build.mjs). */
const runtimeFile = 'dist/edit-runtime.js';

const titles = {
  activationFile: 'Extension activation file (minified)',
  javascript:
    'Extension host: JavaScript loaded for an edit or a Studio (activation file and edit runtime; not the provider and lazy chunks, nor the webview scripts)',
  providerChunk: 'Extension: provider chunk loaded on first use of its provider',
  codecChunk:
    'Extension: image codec chunk dist/image-codec.js (sharp’s JavaScript, libheif’s glue), loaded on the first input that needs preparing',
  lazyChunk: 'Extension: chunk of a rarely used path, loaded when it is first taken',
  vsix: 'Extension .vsix',
  activation: 'Extension activation in code-server’s extension host (load + activate()), p50',
  load: 'of which loading the activation file',
  activate: 'of which activate()',
  hostPath: 'Host’s whole activation path (load, context and storage from the window, activate())',
  runtime: 'First edit: loading dist/edit-runtime.js (engine, providers, undici, zod)',
  studioScript:
    'Retouch Studio page script, dist/webview/studio.js (loaded only when a Studio opens)',
  studioOpen:
    'Retouch Studio opened on a 6000×4000 JPEG (Quick Open → image decoded and drawn in the webview), p50',
  studioSwitch:
    'Retouch Studio: switching between 6000×4000 candidates (key → decoded and painted), p50',
} as const;

/** What takes each lazy chunk's path (see apps/vscode/scripts/build.mjs). */
const lazyChunkNotes: Record<string, string> = {
  'dist/lazy/pngjs.js':
    'the PNG decoder, loaded when markup is drawn onto a PNG for a model that takes no markup layer',
  'dist/lazy/edit-each.js':
    'Edit Each and its Batch API path (session’s batch runners and dry run, core’s editEach and Batch API runner, the journals, OpenAI’s Files and Batches calls), loaded on the first Edit Each',
  'dist/lazy/mask-painter.js':
    'Edit with Mask and Edit with Markup (the painter’s panel, page and saving), loaded when one is first run',
  'dist/lazy/history.js': 'Show History with its record readers, loaded when it is first run',
  'dist/lazy/setup-commands.js':
    'Select Provider and Model, Set and Clear API Key, loaded when one is first run',
  'dist/lazy/rescued-results.js':
    'the notice for results saved in the extension’s storage when the output folder failed',
  'dist/lazy/agent-tools.js': 'the language-model tools, loaded when an agent first calls one',
  'dist/lazy/openai-chat.js':
    'the OpenAI-compatible chat wire (/chat/completions with image output), loaded on the first edit of a model that takes it',
  'dist/lazy/ipaddr.js':
    'the IP address reader, loaded when a result first arrives as a URL (to refuse private-network downloads)',
  'dist/lazy/undici-proxy.js':
    'undici’s proxy agents with their own HTTP/1.1 client, loaded when an edit first goes through a proxy',
};

/** Webview scripts run in the page, not the extension host: each has its own budget. */
const isWebviewScript = (name: string) => name.startsWith('dist/webview/');

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

function once(value: number): Spread {
  return { median: value, min: value, max: value, runs: 1 };
}

function sizeRows(artifacts: ExtensionArtifacts): ResultRow[] {
  const activationKb = artifacts.activationBytes / KB;
  const host = artifacts.javascript.filter((file) => !isWebviewScript(file.name));
  const javascriptKb = host.reduce((sum, file) => sum + file.bytes, 0) / KB;
  const studioScript = artifacts.javascript.find((file) => file.name === 'dist/webview/studio.js');
  const listed = (files: { name: string; bytes: number }[]) =>
    files.map((file) => `${file.name} ${(file.bytes / KB).toFixed(1)} KB`).join(', ');
  const binaries = artifacts.binaries.length
    ? `; besides the JavaScript: ${listed(artifacts.binaries)} (undici's HTTP parser, binary)`
    : '';
  const files = `${listed(host)}${binaries}; the webview scripts (${listed(artifacts.javascript.filter((file) => isWebviewScript(file.name)))}) run in their pages and are not counted`;
  return [
    {
      id: '5a',
      measurement: `${titles.activationFile}, ${artifacts.activationFile}`,
      unit: 'KB',
      ours: once(activationKb),
      theirs: null,
      theirsName: '',
      target: '< 50 KB',
      met: activationKb < 50,
      note: `${(artifacts.activationGzipBytes / KB).toFixed(1)} KB gzipped`,
    },
    {
      id: '5b',
      measurement: titles.javascript,
      unit: 'KB',
      ours: once(javascriptKb),
      theirs: null,
      theirsName: '',
      target: '< 400 KB',
      met: javascriptKb < 400,
      note: files,
    },
    ...artifacts.providerChunks.map(
      (chunk): ResultRow => ({
        id: '5b2',
        measurement: `${titles.providerChunk}, ${chunk.name}`,
        unit: 'KB',
        ours: once(chunk.bytes / KB),
        theirs: null,
        theirsName: '',
        target: '< 30 KB',
        met: chunk.bytes / KB < 30,
        note: 'shares the engine, undici and zod with dist/edit-runtime.js; an edit through another provider never loads it',
      }),
    ),
    ...codecRows(artifacts),
    ...artifacts.lazyChunks.map(
      (chunk): ResultRow => ({
        id: '5b4',
        measurement: `${titles.lazyChunk}, ${chunk.name}`,
        unit: 'KB',
        ours: once(chunk.bytes / KB),
        theirs: null,
        theirsName: '',
        target: '< 30 KB',
        met: chunk.bytes / KB < 30,
        note: lazyChunkNotes[chunk.name] ?? '',
      }),
    ),
    ...(studioScript
      ? [
          {
            id: '5i',
            measurement: titles.studioScript,
            unit: 'KB',
            ours: once(studioScript.bytes / KB),
            theirs: null,
            theirsName: '',
            target: '< 150 KB',
            met: studioScript.bytes / KB < 150,
          } satisfies ResultRow,
        ]
      : []),
    {
      id: '5c',
      measurement: titles.vsix,
      unit: 'KB',
      ours: once(artifacts.vsixBytes / KB),
      theirs: null,
      theirsName: '',
      target: '',
      met: undefined,
    },
  ];
}

/** The codec chunk on its own row: not host JavaScript at activation, so not in 5b. */
function codecRows(artifacts: ExtensionArtifacts): ResultRow[] {
  const chunk = artifacts.codec.find((file) => file.name === 'dist/image-codec.js');
  if (!chunk) return [];
  const others = artifacts.codec
    .filter((file) => file !== chunk)
    .map(
      (file) =>
        `${file.name.replace(/^dist\/node_modules\//, '')} ${(file.bytes / KB).toFixed(0)} KB`,
    )
    .join(', ');
  return [
    {
      id: '5b3',
      measurement: titles.codecChunk,
      unit: 'KB',
      ours: once(chunk.bytes / KB),
      theirs: null,
      theirsName: '',
      target: '< 300 KB',
      met: chunk.bytes / KB < 300,
      note: `never loaded at activation or by an edit whose inputs go as they are; besides it, this platform's binaries: ${others}`,
    },
  ];
}

/** Sizes of the packaged extension and its activation time in code-server's extension host. */
export async function measureExtension() {
  const artifacts = packageExtension();
  if ('reason' in artifacts) {
    return {
      rows: [
        notMeasured('5a', titles.activationFile, 'KB', '< 50 KB', artifacts.reason),
        notMeasured('5b', titles.javascript, 'KB', '< 400 KB', artifacts.reason),
        notMeasured('5c', titles.vsix, 'KB', '', artifacts.reason),
        notMeasured('5d', titles.activation, 'ms', '< 20 ms', artifacts.reason),
      ],
      raw: { artifacts },
    };
  }
  const rows = sizeRows(artifacts).sort((a, b) => a.id.localeCompare(b.id));
  let runs: Awaited<ReturnType<typeof measureActivation>>;
  try {
    runs = await measureActivation(
      artifacts.vsix,
      artifacts.extensionId,
      plan.activationRuns,
      artifacts.javascript.some((file) => file.name === runtimeFile) ? runtimeFile : undefined,
    );
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    rows.push(notMeasured('5d', titles.activation, 'ms', '< 20 ms', why));
    return { rows, raw: { artifacts } };
  }
  const total = spread(runs.map((r) => r.activationMs));
  const byProbe = runs.filter((run) => !run.activatedOnStartUp).length;
  const timing = (id: string, measurement: string, values: number[], target = ''): ResultRow => ({
    id,
    measurement,
    unit: 'ms',
    ours: spread(values),
    theirs: null,
    theirsName: '',
    target,
    met: undefined,
  });
  rows.push(
    {
      ...timing(
        '5d',
        titles.activation,
        runs.map((r) => r.activationMs),
        '< 20 ms',
      ),
      met: total.median < 20,
      note: `Node ${runs[0]?.node ?? '?'}, the host's own marks${byProbe > 0 ? `; in ${byProbe} window(s) nothing activated it within a minute, so the probe did` : ''}`,
    },
    timing(
      '5e',
      titles.load,
      runs.map((r) => r.loadMs),
    ),
    timing(
      '5f',
      titles.activate,
      runs.map((r) => r.activateMs),
    ),
    timing(
      '5g',
      titles.hostPath,
      runs.map((r) => r.hostPathMs),
    ),
  );
  const runtime = runs.flatMap((r) => (r.runtimeLoadMs === undefined ? [] : [r.runtimeLoadMs]));
  if (runtime.length > 0) rows.push(timing('5h', titles.runtime, runtime));
  const studio = await studioRows(artifacts);
  rows.push(...studio.rows);
  return { rows, raw: { artifacts, activation: runs, studio: studio.runs } };
}

/** The Studio in code-server: opening it on a 6000×4000 JPEG, and switching candidates. */
async function studioRows(artifacts: ExtensionArtifacts) {
  let runs: StudioRun[];
  try {
    runs = await measureStudio(artifacts.vsix, plan.studioRuns);
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    return {
      rows: [
        notMeasured('5j', titles.studioOpen, 'ms', '< 1,000 ms', why),
        notMeasured('5k', titles.studioSwitch, 'ms', '< 100 ms', why),
      ],
      runs: [],
    };
  }
  const open = spread(runs.map((run) => run.openMs));
  const switches = spread(runs.flatMap((run) => run.switchMs));
  const row = (id: string, measurement: string, values: Spread, target: string, limit: number) =>
    ({
      id,
      measurement,
      unit: 'ms',
      ours: values,
      theirs: null,
      theirsName: '',
      target,
      met: values.median < limit,
    }) satisfies ResultRow;
  return {
    rows: [
      {
        ...row('5j', titles.studioOpen, open, '< 1,000 ms', 1000),
        note: `${runs.length} openings; the first also loads the edit runtime`,
      },
      {
        ...row('5k', titles.studioSwitch, switches, '< 100 ms', 100),
        note: `${switches.runs} switches, three per opening`,
      },
    ],
    runs,
  };
}
