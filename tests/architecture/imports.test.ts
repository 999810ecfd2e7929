import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Rules about who imports what in src/, read from the sources (so they hold
 * whatever the tests happen to exercise): no import cycle, each heavy or
 * fragile package behind the one module of ours that owns it, and nothing
 * shipped importing a devDependency or the dev-only code outside src/.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

interface ImportEdge {
  specifier: string;
  /** Evaluated when the importing module loads (a static import or re-export that is not `import type`). */
  static: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      edges.push({ specifier: node.moduleSpecifier.text, static: !node.importClause?.isTypeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      edges.push({ specifier: node.moduleSpecifier.text, static: !node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) edges.push({ specifier: arg.text, static: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      edges.push({ specifier: node.argument.literal.text, static: false });
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) edges.push({ specifier: arg.text, static: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** The package a bare specifier names: "natural/lib/x.js" → "natural", "@xenova/transformers" → "@xenova/transformers". */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const files = sourceFiles(SRC);
const rel = (file: string): string => relative(ROOT, file);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Every cycle of static imports among src/ modules (Tarjan's strongly connected components larger than one, or a self-import). */
function staticCycles(): string[][] {
  const next = new Map(
    files.map((file) => [
      file,
      graph
        .get(file)!
        .filter((edge) => edge.static && edge.specifier.startsWith('.'))
        .map((edge) => resolve(dirname(file), edge.specifier.replace(/\.js$/, '.ts'))),
    ]),
  );
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)?.includes(v)) components.push(component.map(rel).sort());
    }
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return components;
}

/** The src/ files whose imports (of any kind) name `pkg`. */
function importersOf(pkg: string): string[] {
  return files.filter((file) => graph.get(file)!.some((edge) => packageOf(edge.specifier) === pkg)).map(rel);
}

describe('src/ imports', () => {
  it('finds the modules it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map(rel)).toContain('src/pipeline/default.ts');
  });

  it('have no cycle of static imports', () => {
    expect(staticCycles()).toEqual([]);
  });

  it('never import the CLI entry point', () => {
    const importers = files.filter((file) =>
      graph
        .get(file)!
        .some((edge) => edge.specifier.startsWith('.') && resolve(dirname(file), edge.specifier) === join(SRC, 'cli/main.js')),
    );
    expect(importers.map(rel)).toEqual([]);
  });

  it('reach natural only through src/text/natural.ts, never statically', () => {
    expect(importersOf('natural')).toEqual(['src/text/natural.ts']);
    const naturalEdges = graph.get(join(SRC, 'text/natural.ts'))!.filter((edge) => packageOf(edge.specifier) === 'natural');
    expect(naturalEdges.filter((edge) => edge.static)).toEqual([]);
  });

  it('reach @xenova/transformers only through the model loader, never statically', () => {
    expect(importersOf('@xenova/transformers')).toEqual(['src/models/transformer/loader.ts']);
    const edges = graph
      .get(join(SRC, 'models/transformer/loader.ts'))!
      .filter((edge) => packageOf(edge.specifier) === '@xenova/transformers');
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.filter((edge) => edge.static)).toEqual([]);
  });

  it('reach bullmq and ioredis only from src/distributed/ (the CLI passes a URL, never a client)', () => {
    for (const pkg of ['bullmq', 'ioredis']) expect(importersOf(pkg).every((file) => file.startsWith('src/distributed/'))).toBe(true);
    expect(importersOf('bullmq').length).toBeGreaterThan(0);
  });

  it('let data flow one way: lower layers never import higher ones', () => {
    // document, schema, errors < text, resources (the language layer) < models < pipeline < io, evaluate < distributed < cli.
    // Models' training code reads gold and scores with evaluate/ (metrics, pairing, loaders), which imports nothing above models.
    const above: Record<string, readonly string[]> = {
      document: ['text', 'resources', 'models', 'pipeline', 'io', 'evaluate', 'distributed', 'cli'],
      schema: ['text', 'resources', 'models', 'pipeline', 'io', 'evaluate', 'distributed', 'cli'],
      text: ['models', 'pipeline', 'io', 'evaluate', 'distributed', 'cli'],
      resources: ['models', 'pipeline', 'io', 'evaluate', 'distributed', 'cli'],
      models: ['pipeline', 'io', 'distributed', 'cli'],
      pipeline: ['evaluate', 'distributed', 'cli'],
      evaluate: ['pipeline', 'distributed', 'cli'],
      io: ['pipeline', 'models', 'distributed', 'cli'],

      distributed: ['cli'],
    };
    const layerOf = (file: string): string => relative(SRC, file).split('/')[0]!.replace(/\.ts$/, '');
    const wrong: string[] = [];
    for (const file of files) {
      const forbidden = above[layerOf(file)] ?? [];
      for (const { specifier } of graph.get(file)!) {
        if (!specifier.startsWith('.')) continue;
        const target = layerOf(resolve(dirname(file), specifier));
        if (forbidden.includes(target)) wrong.push(`${rel(file)} → ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('import only dependencies and node built-ins, and nothing outside src/', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set(Object.keys(manifest.dependencies));
    const wrong: string[] = [];
    for (const file of files) {
      for (const { specifier } of graph.get(file)!) {
        const pkg = packageOf(specifier);
        if (specifier.startsWith('node:')) continue;
        if (pkg === undefined ? !resolve(dirname(file), specifier).startsWith(SRC + '/') : !allowed.has(pkg))
          wrong.push(`${rel(file)} → ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
