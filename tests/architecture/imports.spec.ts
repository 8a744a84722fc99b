import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');
const ROOT = '(root)';

/**
 * The composition root (src/*.ts) assembles the schema and the request
 * context from the features and layers; graphql/context.ts and
 * http/server.ts take the types and factories it assembles. README,
 * Architecture, names this exception; any other mutual pair fails.
 */
const ALLOWED_MUTUAL = new Set([`${ROOT} <-> graphql`, `${ROOT} <-> http`]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** The top folder of src/ a path belongs to; the root's own files are `(root)`. */
function folderOf(file: string): string {
  const relative = path.relative(SRC, file).split(path.sep);
  return relative.length > 1 ? relative[0] : ROOT;
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']*)'/g)) {
      const target = path.resolve(path.dirname(file), match[1]);
      if (!target.startsWith(SRC)) continue;
      const to = existsSync(target) && statSync(target).isDirectory() && path.dirname(target) === SRC ? path.basename(target) : folderOf(`${target}.ts`);
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

describe('the import graph of src/', () => {
  it('has no two folders that import each other, but the composition root named in the README', () => {
    const graph = folderGraph();
    const mutual: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) if (from < to && graph.get(to)?.has(from)) mutual.push(`${from} <-> ${to}`);
    }
    expect(graph.size).toBeGreaterThan(10);
    expect(mutual.filter((pair) => !ALLOWED_MUTUAL.has(pair)).sort()).toEqual([]);
  });

  it('keeps src/shared free of every feature: it may use the error codes only', () => {
    expect([...(folderGraph().get('shared') ?? [])]).toEqual(['errors']);
  });
});
