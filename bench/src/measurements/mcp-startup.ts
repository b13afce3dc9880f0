import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { distDir } from '../bench-paths.js';
import type { ResultRow } from '../results-table.js';
import { spread } from '../stats.js';
import { alternate, plan } from './bench-plan.js';

const require = createRequire(import.meta.url);
const cliBin = join(dirname(require.resolve('@retouch/cli/package.json')), 'dist', 'bin.js');
const baseline = join(distDir, 'measurements', 'mcp-baseline-server.js');

/** Spawn to the `tools/list` answer: what an agent's host waits before it can offer the tools. */
async function timeToTools(args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  const client = new Client({ name: 'bench', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.no-config') },
    stderr: 'ignore',
  });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const elapsed = performance.now() - started;
  await client.close();
  if (tools.length === 0) throw new Error('no tools listed');
  return elapsed;
}

/** Row 8: `retouch mcp` from spawn to `tools/list`, beside the SDK's one-tool server. */
export async function measureMcpStartup(): Promise<{ rows: ResultRow[]; raw: unknown }> {
  const cwd = mkdtempSync(join(tmpdir(), 'retouch-bench-mcp-'));
  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    await alternate(plan.mcpRuns, ['ours', 'theirs'], async (side) => {
      if (side === 'ours') ours.push(await timeToTools([cliBin, 'mcp'], cwd));
      else theirs.push(await timeToTools([baseline], cwd));
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const oursSpread = spread(ours);
  return {
    rows: [
      {
        id: '8',
        measurement: '`retouch mcp` start: spawn to the tools/list answer',
        unit: 'ms',
        ours: oursSpread,
        theirs: spread(theirs),
        theirsName: 'MCP SDK one-tool server',
        target: '< 300 ms',
        met: oursSpread.median < 300,
      },
    ],
    raw: { oursMs: ours, theirsMs: theirs },
  };
}
