import type { RouteName } from '../faults/fault-rule.js';
import { apiPathRoots } from '../openapi/openai-subset.generated.js';

export type RouteMatch =
  | { route: 'admin'; rest: string }
  | { route: 'images.edits' }
  | { route: 'chat.completions' }
  | { route: 'models' }
  | { route: 'gemini.generateContent'; model: string }
  | { route: 'gemini.models' }
  | { route: 'files'; id: string }
  | { route: 'storage.initiate' }
  | { route: 'storage.upload'; token: string }
  | { route: 'files.create' | 'batches.create' | 'batches.list' }
  | { route: 'files.retrieve' | 'files.content' | 'files.delete'; id: string }
  | { route: 'batches.retrieve' | 'batches.cancel'; id: string }
  | { route: 'queue.submit'; model: string; urlBase: string; style: 'v1' | 'fal' }
  | {
      route: 'queue.status' | 'queue.status.stream' | 'queue.result' | 'queue.cancel';
      id: string;
      urlBase: string;
      style: 'v1' | 'fal';
    };

export interface MatchFailure {
  route?: RouteName;
  status: 404 | 405;
}

const NAMESPACES = new Set(['workflows', 'comfy']);
/** `/images/generations`, `/chat/completions`, …: OpenAI paths without `/v1`, never fal apps. */
const OPENAI_ROOTS = new Set(apiPathRoots);
const METHODS: Record<RouteName, string[]> = {
  'images.edits': ['POST'],
  'chat.completions': ['POST'],
  models: ['GET'],
  'gemini.generateContent': ['POST'],
  'gemini.models': ['GET'],
  files: ['GET', 'HEAD'],
  'storage.initiate': ['POST'],
  'storage.upload': ['PUT'],
  'files.create': ['POST'],
  'files.retrieve': ['GET'],
  'files.content': ['GET'],
  'files.delete': ['DELETE'],
  'batches.create': ['POST'],
  'batches.list': ['GET'],
  'batches.retrieve': ['GET'],
  'batches.cancel': ['POST'],
  'queue.submit': ['POST'],
  'queue.status': ['GET'],
  'queue.status.stream': ['GET'],
  'queue.result': ['GET'],
  'queue.cancel': ['PUT', 'POST'],
};

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPath(pathname: string): RouteMatch | undefined {
  if (pathname === '/__admin' || pathname.startsWith('/__admin/')) {
    return { route: 'admin', rest: pathname.slice('/__admin'.length) };
  }
  // Gemini API (`/v1beta/models/{m}:generateContent`) and Vertex AI
  // (`/v1/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent`), under any prefix.
  const generate = /\/models\/([^/]+):generateContent$/.exec(pathname);
  if (generate) return { route: 'gemini.generateContent', model: decode(generate[1]!) };
  if (pathname.endsWith('/v1beta/models')) return { route: 'gemini.models' };
  if (pathname === '/images/edits' || pathname.endsWith('/images/edits'))
    return { route: 'images.edits' };
  // Under a prefix (`/v1`, `/api/v1`, …): a bare OpenAI path is a 404, as below.
  if (pathname.endsWith('/chat/completions') && pathname !== '/chat/completions')
    return { route: 'chat.completions' };
  if (pathname.endsWith('/v1/models')) return { route: 'models' };
  const segments = pathname.split('/').filter(Boolean).map(decode);
  if (segments[0] === 'files' && segments.length === 2) return { route: 'files', id: segments[1]! };
  // fal's storage (rest.fal.ai): `initiate` hands out a one-time upload URL, which takes the PUT.
  if (segments[0] === 'storage' && segments[1] === 'upload') {
    if (segments[2] === 'initiate' && segments.length === 3) return { route: 'storage.initiate' };
    if (segments[2] === 'put' && segments.length === 4) {
      return { route: 'storage.upload', token: segments[3]! };
    }
    return undefined;
  }
  const batchApi = matchBatchApi(segments);
  if (batchApi) return batchApi;
  const v1 = segments[0] === 'v1' && segments[1] === 'queue';
  if (segments[0] === 'v1' && !v1) return undefined;
  if (!v1 && OPENAI_ROOTS.has(segments[0]!)) return undefined;
  const rest = v1 ? segments.slice(2) : segments;
  const at = rest.indexOf('requests');
  const modelParts = at < 0 ? rest : rest.slice(0, at);
  if (modelParts.length === 0 || (!v1 && modelParts.length < 2)) return undefined;
  const baseParts = v1 ? modelParts : modelParts.slice(0, NAMESPACES.has(modelParts[0]!) ? 3 : 2);
  const urlBase = `/${v1 ? 'v1/queue/' : ''}${baseParts.map(encodeURIComponent).join('/')}`;
  const style = v1 ? 'v1' : 'fal';
  if (at < 0) return { route: 'queue.submit', model: modelParts.join('/'), urlBase, style };
  const id = rest[at + 1];
  const tail = rest.slice(at + 2).join('/');
  if (!id) return undefined;
  const route =
    tail === ''
      ? 'queue.result'
      : tail === 'response'
        ? 'queue.result'
        : tail === 'status'
          ? 'queue.status'
          : tail === 'status/stream'
            ? 'queue.status.stream'
            : tail === 'cancel'
              ? 'queue.cancel'
              : undefined;
  return route ? { route, id, urlBase, style } : undefined;
}

/** Finds the route for a method and path, or why there is none (404 or 405). */
export function matchRoute(method: string, pathname: string): RouteMatch | MatchFailure {
  const match = matchPath(pathname);
  if (!match) return { status: 404 };
  if (match.route === 'admin') return match;
  const routed = refineByMethod(match, method);
  if (!METHODS[routed.route].includes(method)) return { route: routed.route, status: 405 };
  return routed;
}

/** OpenAI's Files and Batches APIs under `/v1` (a prefix before it, as for gateways, is allowed). */
function matchBatchApi(segments: string[]): RouteMatch | undefined {
  const at = segments.indexOf('v1');
  if (at < 0 || at > 2) return undefined;
  const [root, id, tail, ...extra] = segments.slice(at + 1);
  if (extra.length > 0) return undefined;
  if (root === 'files') {
    if (id === undefined) return { route: 'files.create' };
    if (tail === undefined) return { route: 'files.retrieve', id };
    return tail === 'content' ? { route: 'files.content', id } : undefined;
  }
  if (root === 'batches') {
    if (id === undefined) return { route: 'batches.create' };
    if (tail === undefined) return { route: 'batches.retrieve', id };
    return tail === 'cancel' ? { route: 'batches.cancel', id } : undefined;
  }
  return undefined;
}

/** One path, several operations: `GET /v1/files/{id}` or `DELETE`, `POST /v1/batches` or `GET`. */
function refineByMethod(match: Exclude<RouteMatch, { route: 'admin' }>, method: string) {
  if (match.route === 'files.retrieve' && method === 'DELETE')
    return { ...match, route: 'files.delete' as const };
  if (match.route === 'batches.create' && method === 'GET')
    return { route: 'batches.list' as const };
  return match;
}
