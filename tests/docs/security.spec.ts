import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SECURITY = readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');

/** Every `file` › test name that SECURITY.md cites, as [file, name or null]. */
function citations(): Array<[string, string | null]> {
  const found: Array<[string, string | null]> = [];
  for (const row of SECURITY.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Promise') && !line.startsWith('| ---'))) {
    const testCell = row.split(' | ').at(-1)?.replace(/ \|$/, '') ?? '';
    let file: string | null = null;
    for (const part of testCell.split(/;\s*/)) {
      const named = /^`([^`]+)`(?:\s*›\s*(.+))?$/.exec(part.trim());
      if (named) {
        file = named[1] ?? null;
        if (file) found.push([file, named[2]?.trim() ?? null]);
      } else if (file && part.trim().startsWith('›')) {
        found.push([file, part.trim().slice(1).trim()]);
      }
    }
  }
  return found;
}

describe('SECURITY.md', () => {
  it('maps every promise to a test', () => {
    const rows = SECURITY.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Promise') && !line.startsWith('| ---'));
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) expect(row, row).toMatch(/`(tests|src|connectors)\/[^`]+\.spec\.ts`/);
  });

  it('names tests that exist', () => {
    const cited = citations();
    expect(cited.length).toBeGreaterThan(40);
    for (const [file, name] of cited) {
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
      if (name === null) continue;
      const source = readFileSync(path.join(ROOT, file), 'utf8').replace(/\\'/g, "'");
      expect(source.includes(name), `${file} › ${name}`).toBe(true);
    }
  });
});
