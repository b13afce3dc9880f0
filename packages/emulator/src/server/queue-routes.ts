import { createHash, randomUUID } from 'node:crypto';
import type { Job } from '../queue/job.js';
import type { RouteMatch } from './match-route.js';
import { parseQueueInput, type QueueInput } from './parse-queue-input.js';
import { pushStream } from './push-stream.js';
import { falError, jsonReply, type Reply, sseFrame, sseReply } from './reply-helpers.js';
import type { RouteContext } from './route-context.js';
import { jobUrls, statusBody } from './status-body.js';

type QueueMatch = Extract<RouteMatch, { route: `queue.${string}` }>;

async function submit(
  ctx: RouteContext,
  match: Extract<QueueMatch, { route: 'queue.submit' }>,
): Promise<Reply> {
  const raw = await ctx.body();
  const key = idempotencyKey(ctx);
  const digest = createHash('sha256').update(raw).digest('hex');
  if (key !== undefined) {
    // A repeat of a submit whose answer was lost: the same job, never a second one.
    const earlier = ctx.state.queue.byKey(key);
    if (earlier && earlier.digest !== digest) {
      return falError(422, 'Idempotency-Key was already used with a different request body.');
    }
    if (earlier) return submitAnswer(ctx, earlier.job);
  }
  const text = raw.toString('utf8');
  let body: unknown;
  try {
    body = text.trim() ? JSON.parse(text) : {};
  } catch {
    return falError(422, [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
  const parsed = parseQueueInput(body);
  if (!parsed.ok) return falError(422, parsed.problems);
  const job: Job<QueueInput> = {
    id: randomUUID(),
    model: match.model,
    input: parsed.input,
    status: 'IN_QUEUE',
    logs: [],
    submittedAt: Date.now(),
    cancelled: false,
    vanished: false,
    urlBase: match.urlBase,
    style: match.style,
    ...(ctx.fault?.job ? { fault: ctx.fault.job } : {}),
  };
  ctx.state.queue.submit(job as Job);
  if (key !== undefined) ctx.state.queue.rememberKey(key, job as Job, digest);
  return submitAnswer(ctx, job as Job);
}

function submitAnswer(ctx: RouteContext, job: Job): Reply {
  return jsonReply(
    200,
    {
      status: job.status,
      request_id: job.id,
      ...jobUrls(ctx.origin, job),
      queue_position: ctx.state.queue.position(job) ?? 0,
    },
    { 'x-fal-request-id': job.id },
  );
}

/** The `Idempotency-Key` header (IETF draft-ietf-httpapi-idempotency-key-header), if sent. */
function idempotencyKey(ctx: RouteContext): string | undefined {
  const value = ctx.req.headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  return key?.trim() ? key.trim() : undefined;
}

function statusStream(ctx: RouteContext, job: Job, withLogs: boolean): Reply {
  const { queue } = ctx.state;
  let unwatch = () => {};
  const stream = pushStream<string>(() => unwatch());
  const send = (current: Job) => {
    if (current.vanished) return stream.end();
    stream.push(sseFrame(statusBody(ctx.state, ctx.origin, current, withLogs)));
    if (current.status === 'COMPLETED') {
      unwatch();
      stream.end();
    }
  };
  unwatch = queue.watch(job.id, send);
  send(job);
  return sseReply(stream.iterable);
}

function result(ctx: RouteContext, job: Job): Reply {
  if (job.status !== 'COMPLETED') return falError(400, 'Request is still in progress');
  const outcome = job.outcome ?? {};
  if (outcome.failure) return falError(outcome.failure.httpStatus, outcome.failure.detail);
  const input = job.input as QueueInput;
  return jsonReply(200, {
    images: (outcome.images ?? []).map((image) => ({
      url: `${ctx.origin}/files/${image.fileId}`,
      content_type: image.contentType,
      file_name: image.fileName,
      file_size: image.fileSize,
      width: image.width,
      height: image.height,
    })),
    seed: outcome.seed ?? 0,
    prompt: input.prompt,
    has_nsfw_concepts: (outcome.images ?? []).map(() => false),
  });
}

function cancel(ctx: RouteContext, id: string): Reply {
  const outcome = ctx.state.queue.cancel(id);
  if (outcome === 'cancelled') return jsonReply(202, { status: 'CANCELLATION_REQUESTED' });
  if (outcome === 'missing')
    return jsonReply(404, { status: 'NOT_FOUND', detail: 'Request not found' });
  if (outcome === 'running') {
    return jsonReply(400, {
      status: 'ALREADY_IN_PROGRESS',
      detail: 'Request is already being processed',
    });
  }
  return jsonReply(400, { status: 'ALREADY_COMPLETED', detail: 'Request has already completed' });
}

/** The queue API: submit, status (polled or streamed), result and cancel. */
export async function handleQueue(ctx: RouteContext, match: QueueMatch): Promise<Reply> {
  if (match.route === 'queue.submit') return submit(ctx, match);
  if (match.route === 'queue.cancel') return cancel(ctx, match.id);
  const job = ctx.state.queue.get(match.id);
  if (!job) return falError(404, 'Request not found');
  const withLogs = ['1', 'true'].includes(ctx.url.searchParams.get('logs') ?? '');
  if (match.route === 'queue.status') {
    return jsonReply(
      job.status === 'COMPLETED' ? 200 : 202,
      statusBody(ctx.state, ctx.origin, job, withLogs),
    );
  }
  if (match.route === 'queue.status.stream') return statusStream(ctx, job, withLogs);
  return result(ctx, job);
}
