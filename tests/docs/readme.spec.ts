import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config';

const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('opens with the two commands: run the hub, run the tests', () => {
    const codeBlocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]?.trim());
    expect(codeBlocks.slice(0, 2)).toEqual(['npm install && npm start', 'npm test']);
  });

  it('documents every setting with its default', () => {
    for (const setting of Object.values(SETTINGS)) {
      const shownDefault = setting.default === undefined ? '(unset)' : `\`${setting.default}\``;
      expect(README, setting.env).toContain(`| \`${setting.env}\` | ${shownDefault} | ${setting.doc} |`);
    }
  });
});
