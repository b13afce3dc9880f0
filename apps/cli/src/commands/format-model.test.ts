import { describeModelLifecycle } from '@retouch/core/provider';
import { builtInModels } from '@retouch/provider-openai-compatible';
import { describe, expect, it } from 'vitest';
import { formatModel } from './format-model.js';

const model = (id: string) => builtInModels.find((entry) => entry.info.id === id)!.info;
const now = new Date('2026-11-23T12:00:00Z');

describe('formatModel', () => {
  it('shows the wire first, then what the model accepts', () => {
    const text = formatModel(
      model('gpt-image-2'),
      describeModelLifecycle(model('gpt-image-2'), now),
    );
    expect(text.split('\n').slice(0, 3)).toEqual([
      'gpt-image-2  (GPT Image 2)',
      '  wire        images (POST /images/edits)',
      '  sizes       auto, 1024x1024, 1536x1024, 1024x1536, any WxH (edges 1–3840, multiples of 16, ratio ≤ 3:1, 655,360–8,294,400 pixels)',
    ]);
    expect(formatModel(model('google/gemini-2.5-flash-image'))).toContain(
      '  wire        chat (POST /chat/completions)',
    );
  });

  it('flags a model near or past its shutdown, with the replacement', () => {
    const text = formatModel(
      model('gpt-image-1.5'),
      describeModelLifecycle(model('gpt-image-1.5'), now),
    );
    expect(text).toContain(
      '  lifecycle   ⚠ gpt-image-1.5 shuts down on 2026-12-01 (in 8 days). Use gpt-image-2 instead.',
    );
  });
});
