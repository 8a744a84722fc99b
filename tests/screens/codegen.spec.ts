import { generate, type CodegenContext } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');

type CodegenConfig = Exclude<Parameters<typeof generate>[0], CodegenContext>;
type Output = Array<{ filename: string; content: string }>;

/**
 * The screens' typed documents (src/screens/web/generated) are generated
 * from schema/schema.graphql and the operations they run, and checked in:
 * a schema or operation change without `npm run screens:codegen` fails here,
 * as a stale schema/schema.graphql fails tests/schema.
 */
describe("the hall screens' typed documents", () => {
  it('are what codegen makes of the emitted schema and the operations today', async () => {
    const config = parse(readFileSync(path.join(ROOT, 'src/screens/web/codegen.yml'), 'utf8')) as CodegenConfig;
    const files = (await generate({ ...config, cwd: ROOT, silent: true }, false)) as Output;
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const onDisk = readFileSync(path.resolve(ROOT, file.filename), 'utf8');
      expect(onDisk, `${file.filename} is stale: run npm run screens:codegen`).toBe(file.content);
    }
  });
});
