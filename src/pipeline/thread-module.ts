import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Where a worker thread's module is: the compiled one beside this file, or,
 * when running from the TypeScript sources (tests, the bench), the source
 * loaded through tsx. `module` overrides it (tests wrap a worker).
 */
export function threadModule(name: string, module?: URL): { filename: string; execArgv: string[] } {
  if (module) return { filename: module.href, execArgv: module.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [] };
  const compiled = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { filename: compiled.href, execArgv: [] };
  return { filename: new URL(`./${name}.ts`, import.meta.url).href, execArgv: ['--import', 'tsx'] };
}

/**
 * A worker thread running module `name`. From the TypeScript sources the
 * thread registers tsx's loader itself before importing the module: an
 * `--import tsx` flag does not reach the first import of a thread started
 * directly (piscina's threads import their module later, and do not need it).
 */
export function startThread(name: string, options: WorkerOptions): Worker {
  const { filename } = threadModule(name);
  if (!filename.endsWith('.ts')) return new Worker(new URL(filename), options);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(filename)}); })`;
  return new Worker(code, { ...options, eval: true });
}
