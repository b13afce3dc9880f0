import { parseFaultRule } from '../faults/fault-rule.js';
import { jsonReply, type Reply } from './reply.js';
import type { RouteContext } from './route-context.js';
import { jobView } from './status-body.js';

function parseRules(body: Buffer): ReturnType<typeof parseFaultRule>[] {
  const value: unknown = JSON.parse(body.toString('utf8') || '[]');
  const list =
    typeof value === 'object' && value !== null && 'rules' in value
      ? (value as { rules: unknown }).rules
      : value;
  return (Array.isArray(list) ? list : [list]).map(parseFaultRule);
}

/**
 * The admin API (loopback only by default):
 * GET/DELETE requests, GET/POST/PUT/DELETE faults, POST reset, GET jobs and jobs/{id}.
 */
export async function handleAdmin(ctx: RouteContext, method: string, rest: string): Promise<Reply> {
  const { state } = ctx;
  const path = rest.replace(/\/+$/, '');
  if (path === '/requests' && method === 'GET') return jsonReply(200, { requests: state.requests });
  if (path === '/requests' && method === 'DELETE') {
    state.requests.length = 0;
    return jsonReply(200, { ok: true });
  }
  if (path === '/faults') {
    if (method === 'GET') return jsonReply(200, { rules: state.faults.list() });
    if (method === 'DELETE') {
      state.faults.clear();
      return jsonReply(200, { rules: [] });
    }
    if (method === 'POST' || method === 'PUT') {
      let rules: ReturnType<typeof parseRules>;
      try {
        rules = parseRules(await ctx.body());
      } catch (error) {
        return jsonReply(400, { error: (error as Error).message });
      }
      if (method === 'PUT') state.faults.set(rules);
      else state.faults.add(rules);
      return jsonReply(200, { rules: state.faults.list() });
    }
  }
  if (path === '/reset' && method === 'POST') {
    state.faults.clear();
    state.requests.length = 0;
    state.queue.reset();
    state.files.clear();
    state.openAiFiles.clear();
    state.batches.reset();
    return jsonReply(200, { ok: true });
  }
  if (path === '/jobs' && method === 'GET') {
    return jsonReply(200, { jobs: [...state.queue.jobs.values()].map((j) => jobView(state, j)) });
  }
  const job = /^\/jobs\/([^/]+)$/.exec(path);
  if (job && method === 'GET') {
    const found = state.queue.get(job[1]!);
    return found
      ? jsonReply(200, jobView(state, found))
      : jsonReply(404, { detail: 'Job not found' });
  }
  return jsonReply(404, { detail: 'Unknown admin endpoint' });
}
