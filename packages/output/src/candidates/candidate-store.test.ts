import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type EditImageResult, editImage } from '@retouch/core';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jpegImage } from '../__fixtures__/images.js';
import { nodeOutputFileSystem as fs } from '../file-system/node-output-file-system.js';
import { sha256Hex } from '../hash/sha256.js';
import { readOutputRecord } from '../read/read-output-record.js';
import { addCandidates } from './add-candidates.js';
import { cleanupDiscarded, discardCandidates } from './discard-candidates.js';
import { candidateChain, imageLineage } from './edit-chain.js';
import { keepCandidate } from './keep-candidate.js';
import { listStoredEdits } from './list-candidates.js';
import { replaceOriginal, undoReplace } from './replace-original.js';
import { clearMarks, loadMarks, saveMarks } from './saved-marks.js';

let emulator: Emulator;
let root: string;
let original: Uint8Array;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'test-key' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'retouch-candidates-'));
  original = await jpegImage();
  await writeFile(join(root, 'photo.jpg'), original);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function edit(image: string, prompt: string, n: number): Promise<EditImageResult> {
  const provider = createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
    baseURL: `${emulator.url}/v1`,
    apiKey: 'test-key',
  });
  return editImage({
    provider,
    model: 'gpt-image-1',
    prompt,
    images: image,
    n,
    outputFormat: 'jpeg',
  });
}

async function addEdit(
  editId: string,
  prompt: string,
  n: number,
  from?: { editId: string; index: number },
) {
  const image = from
    ? join(root, '.retouch', 'candidates', from.editId, `photo.retouch-${from.index + 1}.jpg`)
    : join(root, 'photo.jpg');
  const bytes = await readFile(image);
  return addCandidates({
    fs,
    root,
    chainRoot: 'photo.jpg',
    source: from
      ? { candidate: from, sha256: sha256Hex(bytes) }
      : { file: 'photo.jpg', sha256: sha256Hex(bytes) },
    sourceName: 'photo.jpg',
    result: await edit(image, prompt, n),
    edit: {
      editId,
      tool: { name: 'retouch-vscode', version: '0.0.0' },
      prompt,
      options: { n },
      sources: [{ location: image, sha256: sha256Hex(bytes) }],
    },
    modelName: 'GPT Image 1',
    mask: new Uint8Array([1, 2, 3]),
  });
}

describe('the candidates store', () => {
  it('keeps an edit’s results in .retouch/ (git-ignored) and leaves the folder alone', async () => {
    const added = await addEdit('e1', 'make it sepia', 3);
    expect(added.manifest?.candidates).toHaveLength(3);
    expect((await readdir(root)).sort()).toEqual(['.retouch', 'photo.jpg']);
    expect(await readFile(join(root, '.retouch', '.gitignore'), 'utf8')).toBe('*\n');
    const [stored] = await listStoredEdits(fs, root, { chainRoot: 'photo.jpg' });
    expect(stored?.candidates.map((c) => [c.id, c.status])).toEqual([
      ['e1/0', 'new'],
      ['e1/1', 'new'],
      ['e1/2', 'new'],
    ]);
    expect(stored?.manifest.mask).toBe('mask.png');
    // Another image's Studio does not list them.
    expect(await listStoredEdits(fs, root, { chainRoot: 'other.png' })).toEqual([]);
  });

  it('keeps a candidate beside the original under a name that says what it is an edit of', async () => {
    await addEdit('e1', 'make it sepia', 2);
    const kept = await keepCandidate(fs, root, 'e1', 1);
    expect(kept.name).toBe('photo.edit-1.jpg');
    expect((await readdir(root)).sort()).toEqual(['.retouch', 'photo.edit-1.jpg', 'photo.jpg']);
    // Its record names the original relative to where it now is.
    const found = await readOutputRecord(fs, join(root, 'photo.edit-1.jpg'));
    expect(found?.record.sources[0]?.path).toBe('photo.jpg');
    expect(found?.record.output.file).toBe('photo.edit-1.jpg');
    expect((await keepCandidate(fs, root, 'e1', 0)).name).toBe('photo.edit-2.jpg');
    const [stored] = await listStoredEdits(fs, root);
    expect(stored?.candidates.map((c) => c.keptAs)).toEqual([
      ['photo.edit-2.jpg'],
      ['photo.edit-1.jpg'],
    ]);
    // The chain from the records inside the images.
    expect(
      (await imageLineage(fs, join(root, 'photo.edit-1.jpg'))).map((s) =>
        s.kind === 'image' ? s.name : s.id,
      ),
    ).toEqual(['photo.jpg', 'photo.edit-1.jpg']);
  });

  it('replaces the original and undoes it to the exact bytes', async () => {
    await addEdit('e1', 'make it sepia', 1);
    await replaceOriginal(fs, root, 'e1', 0);
    const replaced = await readFile(join(root, 'photo.jpg'));
    expect(sha256Hex(replaced)).not.toBe(sha256Hex(original));
    expect((await readdir(root)).sort()).toEqual(['.retouch', 'photo.jpg']);
    const undone = await undoReplace(fs, root);
    expect(undone.outcome).toBe('restored');
    expect(Buffer.compare(await readFile(join(root, 'photo.jpg')), Buffer.from(original))).toBe(0);
    expect((await undoReplace(fs, root)).outcome).toBe('nothing');
  });

  it('will not undo over an image changed since the replace, unless forced', async () => {
    await addEdit('e1', 'make it sepia', 1);
    await replaceOriginal(fs, root, 'e1', 0);
    await writeFile(join(root, 'photo.jpg'), 'edited by hand since');
    expect((await undoReplace(fs, root)).outcome).toBe('changed');
    expect(await readFile(join(root, 'photo.jpg'), 'utf8')).toBe('edited by hand since');
    expect((await undoReplace(fs, root, { force: true })).outcome).toBe('restored');
    expect(sha256Hex(await readFile(join(root, 'photo.jpg')))).toBe(sha256Hex(original));
  });

  it('discards, and cleans up only discarded files beyond the bound', async () => {
    await addEdit('e1', 'make it sepia', 3);
    expect(await discardCandidates(fs, root, 'e1', [2], new Date('2026-01-01'))).toBe(1);
    // Discarding one again keeps its first date.
    expect(await discardCandidates(fs, root, 'e1', [0, 2], new Date('2026-01-02'))).toBe(1);
    let [stored] = await listStoredEdits(fs, root);
    expect(stored?.candidates.map((c) => c.status)).toEqual(['discarded', 'new', 'discarded']);
    // Nothing deleted by a discard.
    expect(await readdir(join(root, '.retouch', 'candidates', 'e1'))).toContain(
      'photo.retouch-1.jpg',
    );
    expect(await cleanupDiscarded(fs, root, 1)).toBe(1);
    [stored] = await listStoredEdits(fs, root);
    expect(stored?.candidates.map((c) => c.index)).toEqual([0, 1]);
    expect(await cleanupDiscarded(fs, root, 1)).toBe(0);
    // The new one is never cleaned up, whatever the bound.
    expect(await cleanupDiscarded(fs, root, 0)).toBe(1);
    [stored] = await listStoredEdits(fs, root);
    expect(stored?.candidates.map((c) => [c.index, c.status])).toEqual([[1, 'new']]);
  });

  it('follows a refine: original → candidate → refined', async () => {
    await addEdit('e1', 'make it sepia', 2);
    await addEdit('e2', 'now add a hat', 1, { editId: 'e1', index: 1 });
    const edits = await listStoredEdits(fs, root, { chainRoot: 'photo.jpg' });
    expect(edits.map((e) => e.manifest.editId)).toEqual(['e1', 'e2']);
    const chain = candidateChain(edits, { editId: 'e2', index: 0 });
    expect(
      chain.map((step) => (step.kind === 'image' ? step.name : `${step.id} ${step.prompt}`)),
    ).toEqual(['photo.jpg', 'e1/1 make it sepia', 'e2/0 now add a hat']);
    // Kept, the refined one is still an edit of photo.jpg, not a sibling of something else.
    expect((await keepCandidate(fs, root, 'e2', 0)).name).toBe('photo.edit-1.jpg');
  });

  it('keeps painted marks until they are cleared, inside the store', async () => {
    const strokes = [{ tool: 'brush', size: 40, points: [1, 2, 3, 4] }];
    await saveMarks(fs, root, 'photo.jpg', strokes);
    expect(await loadMarks(fs, root, 'photo.jpg')).toEqual(strokes);
    expect(await loadMarks(fs, root, 'other.jpg')).toBeUndefined();
    expect((await readdir(root)).sort()).toEqual(['.retouch', 'photo.jpg']);
    await clearMarks(fs, root, 'photo.jpg');
    expect(await loadMarks(fs, root, 'photo.jpg')).toBeUndefined();
    const huge = [{ points: Array.from({ length: 1_100_000 }, (_, i) => i) }];
    await expect(saveMarks(fs, root, 'photo.jpg', huge)).rejects.toThrow(/Too many marks/);
    expect(await loadMarks(fs, root, 'photo.jpg')).toBeUndefined();
  });
});
