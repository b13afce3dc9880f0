import { describe, expect, it } from 'vitest';
import { matchRoute } from './match-route.js';

describe('matchRoute', () => {
  it('maps the seed paths and fal paths', () => {
    expect(matchRoute('POST', '/v1/queue/gpt_image_1_edit')).toEqual({
      route: 'queue.submit',
      model: 'gpt_image_1_edit',
      urlBase: '/v1/queue/gpt_image_1_edit',
      style: 'v1',
    });
    expect(matchRoute('GET', '/v1/queue/m/requests/abc/status')).toMatchObject({
      route: 'queue.status',
      id: 'abc',
    });
    expect(matchRoute('GET', '/v1/queue/m/requests/abc/response')).toMatchObject({
      route: 'queue.result',
    });
    expect(matchRoute('PUT', '/v1/queue/m/requests/abc/cancel')).toMatchObject({
      route: 'queue.cancel',
    });
    expect(matchRoute('POST', '/fal-ai/gpt-image-1/edit-image')).toEqual({
      route: 'queue.submit',
      model: 'fal-ai/gpt-image-1/edit-image',
      urlBase: '/fal-ai/gpt-image-1',
      style: 'fal',
    });
    expect(matchRoute('GET', '/fal-ai/gpt-image-1/requests/abc')).toMatchObject({
      route: 'queue.result',
      urlBase: '/fal-ai/gpt-image-1',
    });
    expect(matchRoute('GET', '/fal-ai/x/requests/abc/status/stream')).toMatchObject({
      route: 'queue.status.stream',
    });
    expect(matchRoute('POST', '/workflows/me/flow/run')).toMatchObject({
      urlBase: '/workflows/me/flow',
    });
  });

  it('maps edits, files and admin, and tells 404 from 405', () => {
    expect(matchRoute('POST', '/v1/images/edits')).toEqual({ route: 'images.edits' });
    expect(matchRoute('POST', '/openai/deployments/d/images/edits')).toEqual({
      route: 'images.edits',
    });
    expect(matchRoute('GET', '/files/a.png')).toEqual({ route: 'files', id: 'a.png' });
    expect(matchRoute('DELETE', '/__admin/faults')).toEqual({ route: 'admin', rest: '/faults' });
    expect(matchRoute('GET', '/v1/images/edits')).toEqual({ route: 'images.edits', status: 405 });
    expect(matchRoute('GET', '/v1/embeddings')).toEqual({ status: 404 });
    expect(matchRoute('GET', '/v1/models')).toEqual({ route: 'models' });
    expect(matchRoute('POST', '/v1/chat/completions')).toEqual({ route: 'chat.completions' });
    expect(matchRoute('GET', '/v1/chat/completions')).toEqual({
      route: 'chat.completions',
      status: 405,
    });
    expect(matchRoute('POST', '/single')).toEqual({ status: 404 });
    expect(matchRoute('POST', '/images/generations')).toEqual({ status: 404 });
    expect(matchRoute('GET', '/models/gpt-image-1')).toEqual({ status: 404 });
    expect(matchRoute('GET', '/v1/queue/m/requests/abc/unknown')).toEqual({ status: 404 });
  });
});
