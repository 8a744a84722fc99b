// Copies into tests/catalog/national-snapshot/ the national portal's records
// (../shared/data: national-catalogue.jsonl, procedure-details.jsonl) of the
// procedures the bundled catalogue holds, so that the catalogue check in
// `npm test` runs on a clean clone without the shared folder beside it.
//   node scripts/vendor-national-data.mjs [../shared/data]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { argv, stdout } from 'node:process';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '..');
const source = path.resolve(argv[2] ?? path.join(root, '../shared/data'));
const target = path.join(root, 'tests/catalog/national-snapshot');
const withCode = z.object({ code: z.string() });
const bundled = z.array(withCode).parse(JSON.parse(readFileSync(path.join(root, 'src/catalog/data/procedures.json'), 'utf8')));
const codes = new Set(bundled.map((p) => p.code));

for (const file of ['national-catalogue.jsonl', 'procedure-details.jsonl']) {
  const lines = readFileSync(path.join(source, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && codes.has(withCode.parse(JSON.parse(line)).code));
  writeFileSync(path.join(target, file), `${lines.join('\n')}\n`);
  stdout.write(`${file}: ${lines.length} of the bundled catalogue's ${codes.size} procedures\n`);
}
