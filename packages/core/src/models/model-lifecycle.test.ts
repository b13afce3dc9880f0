import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../contract/capabilities.js';
import { testModels } from '../engine/__fixtures__/test-provider.js';
import { describeModelLifecycle, modelLifecycleWarning } from './model-lifecycle.js';

const now = new Date('2026-11-23T18:00:00Z');
const model = (lifecycle: ModelInfo['lifecycle']): ModelInfo => ({
  ...testModels[0]!,
  id: 'img-model',
  lifecycle,
});

describe('describeModelLifecycle', () => {
  it('says nothing for an active model without a shutdown date', () => {
    expect(describeModelLifecycle(model(undefined), now)).toBeUndefined();
    expect(describeModelLifecycle(model({ status: 'active' }), now)).toBeUndefined();
  });

  it('reports a past shutdown as urgent, with the replacement', () => {
    const notice = describeModelLifecycle(
      model({ shutdownDate: '2026-05-12', replacement: 'new-model' }),
      now,
    );
    expect(notice).toMatchObject({ state: 'shut-down', urgent: true });
    expect(notice?.message).toBe(
      'img-model was shut down on 2026-05-12, so the server will probably refuse it. Use new-model instead.',
    );
  });

  it('counts the days to a near shutdown, and treats the day itself as past', () => {
    expect(describeModelLifecycle(model({ shutdownDate: '2026-12-01' }), now)).toMatchObject({
      state: 'shutting-down',
      daysLeft: 8,
      urgent: true,
      message: 'img-model shuts down on 2026-12-01 (in 8 days).',
    });
    expect(describeModelLifecycle(model({ shutdownDate: '2026-11-23' }), now)?.state).toBe(
      'shut-down',
    );
    expect(describeModelLifecycle(model({ shutdownDate: '2026-11-24' }), now)?.message).toContain(
      'tomorrow',
    );
  });

  it('shows a distant shutdown without making it urgent', () => {
    const notice = describeModelLifecycle(model({ shutdownDate: '2027-06-01' }), now);
    expect(notice).toMatchObject({ state: 'deprecated', urgent: false });
  });

  it('describes deprecated, legacy and preview models without a date', () => {
    expect(describeModelLifecycle(model({ status: 'deprecated' }), now)?.message).toBe(
      'img-model is deprecated.',
    );
    expect(describeModelLifecycle(model({ status: 'legacy' }), now)?.state).toBe('legacy');
    expect(describeModelLifecycle(model({ status: 'preview' }), now)?.urgent).toBe(false);
  });
});

describe('modelLifecycleWarning', () => {
  it('warns only when the shutdown is past or near, and carries the date', () => {
    expect(
      modelLifecycleWarning(model({ shutdownDate: '2026-05-12', replacement: 'new-model' }), now),
    ).toEqual({
      type: 'model-lifecycle',
      model: 'img-model',
      shutdownDate: '2026-05-12',
      replacement: 'new-model',
      message:
        'img-model was shut down on 2026-05-12, so the server will probably refuse it. Use new-model instead.',
    });
    expect(modelLifecycleWarning(model({ shutdownDate: '2027-06-01' }), now)).toBeUndefined();
    expect(modelLifecycleWarning(model({ status: 'deprecated' }), now)).toBeUndefined();
  });
});
