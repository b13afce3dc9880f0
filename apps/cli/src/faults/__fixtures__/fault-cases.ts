import type { RetouchErrorCode } from '@retouch/core';
import { type HostileBehaviour, type HostileServer, hostile } from '@retouch/core/testing';
import { expect } from 'vitest';
import { damagedImages, paddedPng, wholePng } from './fault-images.js';

export const faultKey = 'sk-fault-suite-6b1f0c9e2d';
const MiB = 1024 * 1024;

/** The servers a case scripts: the API itself, and another origin (a CDN, or an attacker). */
export interface FaultServers {
  api: HostileServer;
  foreign: HostileServer;
}

export interface FaultCase {
  name: string;
  provider: 'openai-compatible' | 'queue';
  script(servers: FaultServers): void;
  /** Edit options; the CLI gets them as flags, the engine as request fields. */
  options?: { partials?: number; timeoutMs?: number };
  expect: { exit: number; code?: RetouchErrorCode; outputs?: number };
  /**
   * Upper bound for the whole run. Generous (the machine is busy): it tells "ended promptly"
   * from "ran until the 10-minute default timeout". Default 60 s.
   */
  maxSeconds?: number;
  /** Cancel (Ctrl-C / abort) once this holds. */
  interruptWhen?: (servers: FaultServers) => boolean;
  /** Run the CLI with terminal output (the human error line and progress line). */
  tty?: boolean;
  /** Anything else the user would notice, checked after the run. */
  check?: (servers: FaultServers, output: { stdout: string; stderr: string }) => void;
}

const editPath = '/v1/images/edits';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const imagesAnswer = (...images: Uint8Array[]) => ({
  created: 1,
  data: images.map((image) => ({ b64_json: b64(image) })),
});
const ok = hostile.json(200, imagesAnswer(wholePng));
const fast = { 'retry-after-ms': '20' };
const openaiError = (
  message: string,
  code: string | null = null,
  type = 'invalid_request_error',
) => ({
  error: { message, type, code, param: null },
});
const edits = (servers: FaultServers) =>
  servers.api.requests.filter((request) => request.path.startsWith(editPath));
const sse = (type: string, data: Record<string, unknown>) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

function openai(
  name: string,
  behaviours: HostileBehaviour[],
  expected: FaultCase['expect'],
  extra: Partial<FaultCase> = {},
): FaultCase {
  return {
    name,
    provider: 'openai-compatible',
    script: ({ api }) => api.route('POST', editPath, ...behaviours),
    expect: expected,
    ...extra,
  };
}

const queueBase = '/v1/queue/gpt_image_1_edit';
const jobPath = `${queueBase}/requests/job-1`;

interface QueueScript {
  status?: HostileBehaviour[];
  result?: HostileBehaviour[];
  submit?: HostileBehaviour[];
  /** Where the submit answer points the job's URLs (default: the API's origin). */
  urlsOn?: 'api' | 'foreign';
}

function queue(
  name: string,
  script: QueueScript,
  expected: FaultCase['expect'],
  extra: Partial<FaultCase> = {},
): FaultCase {
  return {
    name,
    provider: 'queue',
    script: (servers) => {
      const { api } = servers;
      const origin = (script.urlsOn === 'foreign' ? servers.foreign : api).origin;
      api.route(
        'POST',
        queueBase,
        ...(script.submit ?? [
          hostile.json(200, {
            request_id: 'job-1',
            status: 'IN_QUEUE',
            queue_position: 0,
            status_url: `${origin}${jobPath}/status`,
            response_url: `${origin}${jobPath}`,
            cancel_url: `${origin}${jobPath}/cancel`,
          }),
        ]),
      );
      api.route(
        'GET',
        `${jobPath}/status`,
        ...(script.status ?? [hostile.json(200, { status: 'COMPLETED' })]),
      );
      api.route(
        'GET',
        jobPath,
        ...(script.result ?? [
          hostile.json(200, { images: [{ url: `data:image/png;base64,${b64(wholePng)}` }] }),
        ]),
      );
      api.route(
        'PUT',
        `${jobPath}/cancel`,
        hostile.json(200, { status: 'CANCELLATION_REQUESTED' }),
      );
    },
    expect: expected,
    ...extra,
  };
}

const damaged = await damagedImages();
const bigImage = paddedPng(32 * MiB);
const escapes = 'Bad \x1b[2J\x1b[H\x1b]0;pwned\x07size\x1b[31m, try\r\nretouch: done ✓';

function noInjectedEscapes(output: { stderr: string }): void {
  // The CLI's own progress line uses `\r` + erase-line; nothing else may reach the terminal.
  const rest = output.stderr.replaceAll('\r\x1b[2K', '');
  for (const control of ['\x1b', '\x07', '\x9b', '\x9d', '\r']) expect(rest).not.toContain(control);
}

/**
 * The fault table: every case ends in a retry into success or the right typed error, in bounded
 * time and memory, with no key anywhere and no stray file. Grouped by what the server does wrong.
 */
export const faultCases: FaultCase[] = [
  // Status codes and Retry-After
  openai('a plain success', [ok], { exit: 0, outputs: 1 }),
  openai('400 invalid request', [hostile.json(400, openaiError('size is not supported'))], {
    exit: 2,
    code: 'invalid_request',
  }),
  openai('401 bad key', [hostile.json(401, openaiError('Incorrect API key', 'invalid_api_key'))], {
    exit: 3,
    code: 'authentication',
  }),
  openai(
    '403 no access to the model',
    [hostile.json(403, openaiError('no access', null, 'permission_error'))],
    { exit: 3, code: 'permission' },
  ),
  openai('404 unknown endpoint', [hostile.json(404, openaiError('not found'))], {
    exit: 2,
    code: 'not_found',
  }),
  openai('413 request too large', [hostile.json(413, openaiError('too large'))], {
    exit: 2,
    code: 'payload_too_large',
  }),
  openai(
    '400 content policy',
    [hostile.json(400, openaiError('rejected by the safety system', 'moderation_blocked'))],
    { exit: 5, code: 'content_policy' },
  ),
  openai(
    '429 with Retry-After, then success',
    [hostile.json(429, openaiError('slow down'), fast), ok],
    { exit: 0, outputs: 1 },
    {
      check: (servers) => expectCount(edits(servers).length, 2),
    },
  ),
  openai(
    // Waited out as told while the run's time allows (not three tries and out), then typed.
    '429 on every attempt, until the time allowed is spent',
    [hostile.json(429, openaiError('slow down'), fast)],
    { exit: 4, code: 'rate_limited' },
    {
      // More tries than the retries an error gets (three), bounded by --timeout.
      options: { timeoutMs: 4000 },
      check: (servers) => expect(edits(servers).length).toBeGreaterThan(3),
    },
  ),
  openai(
    '429 out of quota is not retried',
    [hostile.json(429, openaiError('quota', 'insufficient_quota'))],
    { exit: 4, code: 'rate_limited' },
    {
      check: (servers) => expectCount(edits(servers).length, 1),
    },
  ),
  openai(
    '500, then success',
    [hostile.json(500, openaiError('oops', null, 'server_error'), fast), ok],
    { exit: 0, outputs: 1 },
  ),
  openai(
    '503 with Retry-After: 0 on every attempt',
    [hostile.json(503, 'Service Unavailable', { 'retry-after': '0' })],
    { exit: 7, code: 'server' },
  ),

  // Drops, hangs, drips
  openai('connection dropped, then success', [hostile.drop(), ok], { exit: 0, outputs: 1 }),
  openai('connection dropped on every attempt', [hostile.drop()], { exit: 6, code: 'network' }),
  openai(
    'connection dropped mid-body',
    [hostile.dropMidBody(200, JSON.stringify(imagesAnswer(wholePng)), 100)],
    { exit: 6, code: 'network' },
  ),
  openai(
    'no answer at all (timeout)',
    [hostile.hang()],
    { exit: 6, code: 'timeout' },
    { options: { timeoutMs: 1500 } },
  ),
  openai(
    'headers, then silence (timeout)',
    [hostile.stall(200, '{"data":[{"b64_json":"iVBOR')],
    { exit: 6, code: 'timeout' },
    { options: { timeoutMs: 1500 } },
  ),
  openai(
    'a body dripped slowly but whole',
    [hostile.drip(200, JSON.stringify(imagesAnswer(wholePng)), { chunkBytes: 512, intervalMs: 5 })],
    { exit: 0, outputs: 1 },
  ),

  // Malformed answers
  openai('200 that is not JSON', [hostile.send(200, 'OK', { 'content-type': 'text/plain' })], {
    exit: 7,
    code: 'invalid_response',
  }),
  openai(
    '200 with an HTML page',
    [hostile.send(200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' })],
    { exit: 7, code: 'invalid_response' },
  ),
  openai('200 JSON without data', [hostile.json(200, { created: 1 })], {
    exit: 7,
    code: 'invalid_response',
  }),
  openai(
    '200 with bytes that are not an image',
    [hostile.json(200, imagesAnswer(Buffer.from('not an image at all')))],
    { exit: 7, code: 'invalid_response' },
  ),
  openai('garbage instead of HTTP', [hostile.raw('HTTP/1.1 2OO NOPE\r\n\r\n\x00\x01')], {
    exit: 6,
    code: 'network',
  }),

  // Answers that never end, or claim to be huge
  openai(
    'a JSON string that never ends (640 MiB and more)',
    [hostile.endless({ prefix: '{"data":[{"b64_json":"' })],
    { exit: 7, code: 'invalid_response' },
    {
      check: (servers, output) => {
        expectCount(edits(servers).length, 1);
        expectMatch(output.stderr, /larger than 56 MiB/);
      },
    },
  ),
  openai(
    'Content-Length: 2 GiB',
    [hostile.declaredLength(2 * 1024 ** 3)],
    { exit: 7, code: 'invalid_response' },
    {
      check: (servers, output) => {
        expectCount(edits(servers).length, 1);
        expectMatch(output.stderr, /announced an answer larger than/);
      },
    },
  ),
  openai(
    'an error body that never ends',
    [hostile.endless({ status: 500, prefix: '{"error":{"message":"' })],
    { exit: 7, code: 'server' },
  ),

  // Streaming (server-sent events)
  openai(
    'a streamed edit with a partial image',
    [
      hostile.events([
        sse('image_edit.partial_image', { b64_json: b64(wholePng), partial_image_index: 0 }),
        sse('image_edit.completed', { b64_json: b64(wholePng) }),
      ]),
    ],
    { exit: 0, outputs: 1 },
    {
      options: { partials: 1 },
    },
  ),
  openai(
    'a stream whose data line never ends',
    [hostile.endlessEvent()],
    { exit: 7, code: 'invalid_response' },
    {
      options: { partials: 1 },
      check: (servers) => expectCount(edits(servers).length, 1),
    },
  ),
  openai(
    'a stream that ends without an image',
    [hostile.events([sse('image_edit.partial_image', { b64_json: b64(wholePng) })])],
    { exit: 7, code: 'invalid_response' },
    {
      options: { partials: 1 },
    },
  ),
  openai(
    'a stream with an error event',
    [
      hostile.events([
        `event: error\ndata: ${JSON.stringify({ type: 'error', error: { message: 'blocked', code: 'moderation_blocked' } })}\n\n`,
      ]),
    ],
    { exit: 5, code: 'content_policy' },
    {
      options: { partials: 1 },
    },
  ),

  // More images than asked for, foreign origins, file: URLs, redirects
  {
    name: '16 URLs of 32 MiB for one image asked',
    provider: 'openai-compatible',
    script: ({ api }) => {
      api.route(
        'POST',
        editPath,
        hostile.json(200, {
          data: Array.from({ length: 16 }, (_, i) => ({ url: `${api.origin}/img/${i}.png` })),
        }),
      );
      api.route('GET', '/img/*', hostile.send(200, bigImage, { 'content-type': 'image/png' }));
    },
    expect: { exit: 0, outputs: 1 },
    check: ({ api }, output) => {
      expectCount(api.requests.filter((request) => request.path.startsWith('/img/')).length, 1);
      expectMatch(output.stdout, /returned 16 images where 1 was asked for/);
    },
  },
  {
    // Another service on this machine: refused before anything (least of all the key) goes there.
    name: 'an image URL on another loopback origin is refused',
    provider: 'openai-compatible',
    script: ({ api, foreign }) => {
      api.route(
        'POST',
        editPath,
        hostile.json(200, { data: [{ url: `${foreign.origin}/cdn/a.png` }] }),
      );
      foreign.route(
        'GET',
        '/cdn/a.png',
        hostile.send(200, wholePng, { 'content-type': 'image/png' }),
      );
    },
    expect: { exit: 7, code: 'invalid_response' },
    check: ({ foreign }) => expectCount(foreign.requests.length, 0),
  },
  openai('a file: URL', [hostile.json(200, { data: [{ url: 'file:///etc/passwd' }] })], {
    exit: 7,
    code: 'invalid_response',
  }),
  {
    name: 'a redirect from the API to another loopback origin is refused at that hop',
    provider: 'openai-compatible',
    script: ({ api, foreign }) => {
      api.route(
        'POST',
        editPath,
        hostile.json(200, { data: [{ url: `${api.origin}/img/a.png` }] }),
      );
      api.route('GET', '/img/a.png', hostile.redirect(302, `${foreign.origin}/cdn/a.png`));
      foreign.route(
        'GET',
        '/cdn/a.png',
        hostile.send(200, wholePng, { 'content-type': 'image/png' }),
      );
    },
    expect: { exit: 7, code: 'invalid_response' },
    check: ({ foreign }) => expectCount(foreign.requests.length, 0),
  },
  {
    name: 'a redirect loop',
    provider: 'openai-compatible',
    script: ({ api }) => {
      api.route('POST', editPath, hostile.json(200, { data: [{ url: `${api.origin}/img/loop` }] }));
      api.route('GET', '/img/loop', hostile.redirect(302, '/img/loop'));
    },
    expect: { exit: 7, code: 'invalid_response' },
  },
  {
    name: 'a download announcing 100 MiB',
    provider: 'openai-compatible',
    script: ({ api }) => {
      api.route(
        'POST',
        editPath,
        hostile.json(200, { data: [{ url: `${api.origin}/img/huge.png` }] }),
      );
      api.route(
        'GET',
        '/img/huge.png',
        hostile.declaredLength(100 * MiB, { headers: { 'content-type': 'image/png' } }),
      );
    },
    expect: { exit: 7, code: 'invalid_response' },
  },

  // Incomplete images
  openai(
    'a PNG cut after its header, every time',
    [hostile.json(200, imagesAnswer(damaged.pngCutAfterHeader))],
    { exit: 7, code: 'invalid_response' },
    {
      check: (servers) => expectCount(edits(servers).length, 3),
    },
  ),
  openai(
    'a PNG cut short once, then whole',
    [hostile.json(200, imagesAnswer(damaged.pngCutAfterHeader)), ok],
    { exit: 0, outputs: 1 },
  ),
  openai('a PNG with a corrupt chunk', [hostile.json(200, imagesAnswer(damaged.pngBadCrc))], {
    exit: 7,
    code: 'invalid_response',
  }),
  openai(
    'a JPEG without its end marker',
    [hostile.json(200, imagesAnswer(damaged.jpegWithoutEnd))],
    { exit: 7, code: 'invalid_response' },
  ),
  openai(
    'a WebP shorter than its RIFF header says',
    [hostile.json(200, imagesAnswer(damaged.webpCutShort))],
    { exit: 7, code: 'invalid_response' },
  ),
  openai(
    'a GIF without its trailer',
    [hostile.json(200, imagesAnswer(damaged.gifWithoutTrailer))],
    { exit: 7, code: 'invalid_response' },
  ),

  // Server text on the terminal
  openai(
    'escape sequences in an error message',
    [hostile.json(400, openaiError(escapes))],
    { exit: 2, code: 'invalid_request' },
    {
      tty: true,
      check: (_servers, output) => {
        noInjectedEscapes(output);
        expectMatch(output.stderr, /Bad size, try retouch: done/);
      },
    },
  ),

  // Ctrl-C
  openai(
    'Ctrl-C while the server is silent',
    [hostile.hang()],
    { exit: 130, code: 'cancelled' },
    {
      interruptWhen: (servers) => edits(servers).length > 0,
    },
  ),

  // The queue protocol
  queue('a queue job that succeeds', {}, { exit: 0, outputs: 1 }),
  queue(
    'a status document that never ends',
    { status: [hostile.endless({ prefix: '{"status":"IN_PROGRESS","logs":[{"message":"' })] },
    { exit: 7, code: 'invalid_response' },
  ),
  queue(
    'a result document that never ends',
    { result: [hostile.endless({ prefix: '{"images":[{"url":"data:image/png;base64,' })] },
    { exit: 7, code: 'invalid_response' },
  ),
  {
    ...queue('a result with 16 URLs for one image asked', {}, { exit: 0, outputs: 1 }),
    script: (servers) => {
      queue(
        '',
        {
          result: [
            hostile.json(200, {
              images: Array.from({ length: 16 }, (_, i) => ({
                url: `${servers.api.origin}/files/${i}.png`,
              })),
            }),
          ],
        },
        { exit: 0 },
      ).script(servers);
      servers.api.route(
        'GET',
        '/files/*',
        hostile.send(200, bigImage, { 'content-type': 'image/png' }),
      );
    },
    check: ({ api }, output) => {
      expectCount(api.requests.filter((request) => request.path.startsWith('/files/')).length, 1);
      expectMatch(output.stdout, /returned 16 images where 1 was asked for/);
    },
  },
  queue(
    'a result pointing at a file: URL',
    { result: [hostile.json(200, { images: [{ url: 'file:///etc/passwd' }] })] },
    { exit: 7, code: 'invalid_response' },
  ),
  queue(
    'a result image cut short once, then whole',
    {
      result: [
        hostile.json(200, {
          images: [{ url: `data:image/png;base64,${b64(damaged.pngCutAfterHeader)}` }],
        }),
        hostile.json(200, { images: [{ url: `data:image/png;base64,${b64(wholePng)}` }] }),
      ],
    },
    { exit: 0, outputs: 1 },
    {
      check: ({ api }) =>
        expectCount(api.requests.filter((request) => request.method === 'POST').length, 1),
    },
  ),
  queue(
    'status 500, then completed',
    { status: [hostile.json(500, { detail: 'boom' }), hostile.json(200, { status: 'COMPLETED' })] },
    { exit: 0, outputs: 1 },
  ),
  queue(
    'job URLs on a foreign origin',
    { urlsOn: 'foreign' },
    { exit: 7, code: 'invalid_response' },
    {
      check: ({ foreign }) => expectCount(foreign.requests.length, 0),
    },
  ),
  queue(
    'escape sequences in queue log lines',
    {
      status: [
        hostile.json(200, {
          status: 'IN_PROGRESS',
          logs: [{ message: `step 1\x1b[2J\x1b]0;pwned\x07\x1b[10A` }],
        }),
        hostile.delay(300, hostile.json(200, { status: 'COMPLETED' })),
      ],
    },
    { exit: 0, outputs: 1 },
    {
      tty: true,
      check: (_servers, output) => {
        noInjectedEscapes(output);
        expectMatch(output.stderr, /editing: step 1/);
      },
    },
  ),
  queue(
    'Ctrl-C while queued cancels the job',
    { status: [hostile.json(200, { status: 'IN_QUEUE', queue_position: 3 })] },
    { exit: 130, code: 'cancelled' },
    {
      interruptWhen: ({ api }) =>
        api.requests.some(
          (request) =>
            request.path.startsWith(`${jobPath}/status`) && !request.path.includes('/stream'),
        ),
      check: ({ api }) =>
        expectCount(api.requests.filter((request) => request.method === 'PUT').length, 1),
    },
  ),
  queue(
    'a queue submit whose answer is lost is not sent again',
    { submit: [hostile.drop()] },
    { exit: 6, code: 'network' },
    {
      check: ({ api }, output) => {
        // The server may have made a job: one submit, no second job, and the user is told so.
        expectCount(api.requests.filter((request) => request.method === 'POST').length, 1);
        expectMatch(output.stderr, /a job may exist there and may run and be billed/);
      },
    },
  ),
];

/** Cases still to be written; none left. */
function expectCount(actual: number, expected: number): void {
  expect(actual).toBe(expected);
}

function expectMatch(text: string, pattern: RegExp): void {
  expect(text).toMatch(pattern);
}
