import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule, RouteName } from '../faults/fault-rule.js';
import { handleAdmin } from './admin-routes.js';
import { checkAuth, checkKey } from './auth.js';
import { routeBatchApi } from './batch-api-route.js';
import { handleChatCompletions } from './chat/chat-completions-route.js';
import type { EmulatorState } from './emulator-state.js';
import { defaultErrorReply, falError, isOpenAiRoute, openAiError } from './error-bodies.js';
import { serveFile } from './files-route.js';
import {
  defaultGoogleErrorReply,
  googleAuthReply,
  googleError,
  isGeminiRoute,
} from './gemini/gemini-errors.js';
import { geminiKey } from './gemini/gemini-key.js';
import { handleGeminiModels } from './gemini/gemini-models-route.js';
import { handleGenerateContent } from './gemini/generate-content-route.js';
import { handleImagesEdits } from './images-edits-route.js';
import { matchRoute, type RouteMatch } from './match-route.js';
import { handleModels } from './models-route.js';
import { handleQueue } from './queue-routes.js';
import { BodyTooLargeError, drainBody, readBody } from './read-body.js';
import { jsonReply, type Reply } from './reply.js';
import type { RouteContext } from './route-context.js';
import { sendReply } from './send-reply.js';
import { initiateUpload, receiveUpload } from './storage-routes.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request target as a URL; a raw concatenation so `//x` stays a path, not a host. */
function parseTarget(target: string | undefined): URL | undefined {
  const raw = target ?? '/';
  try {
    return new URL(`http://emulator.invalid${raw.startsWith('/') ? raw : `/${raw}`}`);
  } catch {
    return undefined;
  }
}

function originOf(req: IncomingMessage, state: EmulatorState): string {
  const host = req.headers.host;
  if (host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) {
    return `http://${host}`;
  }
  return state.fallbackOrigin();
}

function errorFor(route: RouteName | undefined, status: number, message: string): Reply {
  if (route !== undefined && isGeminiRoute(route)) return googleError(status, message);
  return route === undefined || isOpenAiRoute(route)
    ? openAiError(status, message, { code: status === 413 ? 'request_too_large' : null })
    : falError(status, message);
}

function authReply(route: RouteName, outcome: 'missing' | 'wrong'): Reply {
  if (isGeminiRoute(route)) return googleAuthReply(outcome);
  if (!isOpenAiRoute(route)) {
    return falError(401, outcome === 'missing' ? 'Missing credentials' : 'Invalid credentials');
  }
  return outcome === 'missing'
    ? openAiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as an api-key header.",
      )
    : openAiError(401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
}

async function route(match: RouteMatch, ctx: RouteContext): Promise<Reply> {
  if (match.route === 'images.edits') return handleImagesEdits(ctx);
  if (match.route === 'chat.completions') return handleChatCompletions(ctx);
  if (match.route === 'models') return handleModels(ctx);
  if (match.route === 'gemini.generateContent') return handleGenerateContent(ctx, match.model);
  if (match.route === 'gemini.models') return handleGeminiModels(ctx);
  if (match.route === 'files') return serveFile(ctx, match.id);
  if (match.route === 'storage.initiate') return initiateUpload(ctx);
  if (match.route === 'storage.upload') return receiveUpload(ctx, match.token);
  if (match.route === 'admin') return jsonReply(404, { detail: 'Not Found' });
  const batchApi = routeBatchApi(match, ctx);
  if (batchApi) return batchApi;
  return handleQueue(ctx, match as Parameters<typeof handleQueue>[1]);
}

/** Every request goes through here: log, faults, auth, latency, route, then the reply. */
export async function handleRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = parseTarget(req.url);
  if (!url) {
    await drainBody(req);
    return sendReply(res, openAiError(400, 'Invalid request target.'), undefined);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const match = matchRoute(method, url.pathname);
  if ('route' in match && match.route === 'admin') {
    if (!state.config.admin)
      return sendReply(res, jsonReply(404, { detail: 'Not Found' }), undefined);
    const ctx = context(state, req, url, 'admin', undefined);
    return sendReply(res, await handleAdmin(ctx, method, match.rest), undefined);
  }
  const routeName = 'route' in match ? match.route : undefined;
  const requestId = `req_${randomBytes(16).toString('hex')}`;
  const record = {
    seq: state.requests.length + 1,
    method,
    path: `${url.pathname}${url.search}`,
    route: routeName ?? 'unknown',
    headers: { ...req.headers },
    timestamp: new Date().toISOString(),
    requestId,
  } as EmulatorState['requests'][number];
  state.requests.push(record);
  res.on('finish', () => {
    record.status = res.statusCode;
  });
  res.setHeader('x-request-id', requestId);
  // fal's clients read the job's id from this header (submit sets it once the job exists).
  if ('id' in match && routeName?.startsWith('queue.')) res.setHeader('x-fal-request-id', match.id);
  if ('status' in match) {
    await drainBody(req);
    const message =
      match.status === 404
        ? `Invalid URL (${method} ${url.pathname})`
        : `Method ${method} not allowed`;
    return sendReply(res, errorFor(routeName, match.status, message), undefined);
  }
  const name = match.route as RouteName;
  const fault = state.faults.take(name);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.drop) {
    req.socket.destroy();
    return;
  }
  if (fault?.status !== undefined) {
    await drainBody(req);
    const reply =
      fault.body !== undefined
        ? jsonReply(fault.status, fault.body)
        : isGeminiRoute(name)
          ? defaultGoogleErrorReply(fault.status, fault)
          : defaultErrorReply(name, fault.status);
    return sendReply(res, reply, fault);
  }
  // Files are public URLs; an upload URL carries its own one-time token, as a presigned URL does.
  if (name !== 'files' && name !== 'storage.upload') {
    const auth = isGeminiRoute(name)
      ? checkKey(geminiKey(req.headers, url), state.config.apiKeys)
      : checkAuth(req.headers, state.config.apiKeys);
    if (auth !== 'ok') {
      await drainBody(req);
      return sendReply(res, authReply(name, auth), fault);
    }
    if (state.config.latencyMs > 0) await sleep(state.config.latencyMs);
  }
  const ctx = context(state, req, url, requestId, fault);
  let reply: Reply;
  try {
    reply = await route(match, ctx);
  } catch (error) {
    await drainBody(req);
    if (error instanceof BodyTooLargeError) {
      reply = errorFor(name, 413, `Request body too large: the limit is ${error.limit} bytes.`);
    } else {
      state.log(`[retouch-emulator] internal error: ${String((error as Error)?.stack ?? error)}`);
      reply = errorFor(name, 500, 'The emulator failed while handling this request.');
    }
  }
  await drainBody(req);
  if (fault?.dropResponse) {
    req.socket.destroy();
    return;
  }
  return sendReply(res, reply, fault);
}

function context(
  state: EmulatorState,
  req: IncomingMessage,
  url: URL,
  requestId: string,
  fault: FaultRule | undefined,
): RouteContext {
  let body: Promise<Buffer> | undefined;
  return {
    req,
    url,
    origin: originOf(req, state),
    state,
    requestId,
    fault,
    body: () => {
      body ??= readBody(req, state.config.maxBodyBytes);
      return body;
    },
  };
}
