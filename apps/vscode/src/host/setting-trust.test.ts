import { describe, expect, it } from 'vitest';
import {
  layeredListValue,
  outputFolderSegments,
  userLevelValue,
  workspaceAwareValue,
} from './setting-trust.js';

const attackerURL = 'https://evil.example/v1';

describe('userLevelValue (endpoints, headers, proxy)', () => {
  it('ignores workspace and folder values even when they are the only ones set', () => {
    expect(
      userLevelValue({
        defaultValue: 'https://api.openai.com/v1',
        workspaceValue: attackerURL,
        workspaceFolderValue: attackerURL,
      }),
    ).toBe('https://api.openai.com/v1');
  });

  it("uses the user's own value over the default", () => {
    expect(
      userLevelValue({
        defaultValue: 'https://api.openai.com/v1',
        globalValue: 'http://127.0.0.1:4010/v1',
        workspaceValue: attackerURL,
      }),
    ).toBe('http://127.0.0.1:4010/v1');
  });
});

describe('workspaceAwareValue (output folder)', () => {
  const inspection = {
    defaultValue: '',
    globalValue: 'out',
    workspaceValue: 'edited',
    workspaceFolderValue: 'assets/edited',
  };

  it('takes the most specific value in a trusted workspace', () => {
    expect(workspaceAwareValue(inspection, true)).toBe('assets/edited');
    expect(workspaceAwareValue({ ...inspection, workspaceFolderValue: undefined }, true)).toBe(
      'edited',
    );
  });

  it("falls back to the user's value in Restricted Mode", () => {
    expect(workspaceAwareValue(inspection, false)).toBe('out');
  });
});

describe('outputFolderSegments', () => {
  it('splits a relative folder and treats empty as next to the source', () => {
    expect(outputFolderSegments('')).toEqual([]);
    expect(outputFolderSegments('  ')).toEqual([]);
    expect(outputFolderSegments('edited')).toEqual(['edited']);
    expect(outputFolderSegments('./assets\\edited/')).toEqual(['assets', 'edited']);
  });

  it('refuses folders outside the workspace folder', () => {
    for (const bad of ['../outside', 'a/../../b', '/etc', 'C:\\Users', '~/x', 'file:///tmp']) {
      expect(outputFolderSegments(bad)).toHaveProperty('error');
    }
  });
});

describe('layeredListValue (prompt presets)', () => {
  const inspection = {
    defaultValue: [],
    globalValue: [{ name: 'mine' }],
    workspaceValue: [{ name: 'team' }],
    workspaceFolderValue: [{ name: 'folder' }],
  };

  it("adds a trusted workspace's entries before the user's own", () => {
    expect(layeredListValue(inspection, true)).toEqual([
      { name: 'folder' },
      { name: 'team' },
      { name: 'mine' },
    ]);
  });

  it("uses only the user's own in Restricted Mode, and ignores values that are not lists", () => {
    expect(layeredListValue(inspection, false)).toEqual([{ name: 'mine' }]);
    expect(layeredListValue({ globalValue: { name: 'x' } }, true)).toEqual([]);
    expect(layeredListValue(undefined, true)).toEqual([]);
  });
});
