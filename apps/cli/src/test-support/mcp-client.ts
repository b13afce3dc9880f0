import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { binPath } from '../test-support/run-cli.js';

export interface ConnectOptions {
  cwd: string;
  env: Record<string, string>;
  args?: string[];
  /** Folders the client shares as roots; none declared when undefined. */
  roots?: string[];
  /** How the client's user answers a confirmation; no elicitation capability when undefined. */
  elicit?: (message: string) => 'accept' | 'decline';
  /** Node options before the script, e.g. `['--import', hook]`. */
  nodeArgs?: readonly string[];
}

/** The official SDK client on the built `retouch mcp`, as an agent's host would start it. */
export async function connectRetouchMcp(options: ConnectOptions) {
  const client = new Client(
    { name: 'retouch-test-client', version: '1.0.0' },
    {
      capabilities: {
        ...(options.roots ? { roots: { listChanged: false } } : {}),
        ...(options.elicit ? { elicitation: {} } : {}),
      },
    },
  );
  const asked: string[] = [];
  if (options.roots) {
    const roots = options.roots;
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: roots.map((path) => ({ uri: pathToFileURL(path).href, name: path })),
    }));
  }
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      const action = answer(request.params.message);
      return action === 'accept' ? { action, content: { send: true } } : { action };
    });
  }
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), binPath, 'mcp', ...(options.args ?? [])],
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: options.cwd,
      XDG_CONFIG_HOME: `${options.cwd}/.no-config`,
      NO_PROXY: '127.0.0.1,localhost',
      ...options.env,
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await client.connect(transport);
  return { client, asked, stderr: () => stderr, close: () => client.close() };
}

/** The text of a tool result's first text content. */
export function textOf(result: object): string {
  const content = ((result as { content?: unknown }).content ?? []) as {
    type: string;
    text?: string;
  }[];
  return content
    .filter((item) => item.type === 'text')
    .map((item) => item.text)
    .join('\n');
}
