import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOW_TRACING_INTERCEPTORS } from './tracing';

/** The repository root: the nearest directory up from here holding our package.json (works from dist/ too). */
export function projectRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'ocop-flow') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ocop-flow project root above ${from}`);
    dir = parent;
  }
}

/**
 * The bundler (webpack) does not read tsconfig `paths`, so we turn them into webpack aliases: one list of
 * aliases (tsconfig.json) serves tsc, jest and the workflow bundle alike.
 */
export function workflowAliases(root = projectRoot()): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [`${alias}$`, path.resolve(root, target!)]),
  );
}

/** The production workflows: the four of workflows/index.ts, and nothing else. */
export const PRODUCTION_WORKFLOWS = path.join('workflows', 'index.ts');

/**
 * Modules the worker loads once per thread and shares, deep-frozen, between the workflows it runs, instead of
 * evaluating them again for each one (the SDK's reusable V8 context gives every workflow its own instance of every
 * other module). Both are stateless: the pure rules (libs/domain: no I/O, no clock, no module state but constant
 * tables — among them the lunar calendar, `lunar-javascript`, 420 kB of source) and the vocabulary (constants and
 * Temporal message definitions). Measured with the SDK's own workflow creator: 535 kB of heap per workflow without
 * them, 33 kB with them. The bench's baseline bundle has no use for them and stays as it was.
 */
const SHARED_MODULES = ['@ocop/domain', '@ocop/contracts'];

/**
 * Bundles workflows from the TypeScript sources (the production ones unless told otherwise), resolving our path
 * aliases. `traced`: with OpenTelemetry's workflow interceptors (for a worker with tracing on); the workflow code is
 * the same, and so are the commands it issues — only headers carry the trace context — so either bundle replays the
 * other's histories.
 */
export async function bundleWorkflows(
  root = projectRoot(),
  workflowsPath = PRODUCTION_WORKFLOWS,
  { traced = false }: { traced?: boolean } = {},
): Promise<WorkflowBundleWithSourceMap> {
  const aliases = workflowAliases(root);
  return bundleWorkflowCode({
    workflowsPath: path.join(root, workflowsPath),
    preloadModules: workflowsPath === PRODUCTION_WORKFLOWS ? SHARED_MODULES : [],
    workflowInterceptorModules: traced ? [path.join(root, WORKFLOW_TRACING_INTERCEPTORS)] : [],
    webpackConfigHook: (config) => {
      config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...aliases } };
      return config;
    },
    logger: quietBundlerLogger,
  });
}

/** Where `npm run build` writes the prebuilt bundles the worker loads from dist (plain, and traced). */
export function prebuiltBundlePath(root = projectRoot(), { traced = false }: { traced?: boolean } = {}): string {
  return path.join(root, 'dist', traced ? 'workflow-bundle.traced.js' : 'workflow-bundle.js');
}

/** A prebuilt bundle when running from dist (fast start), else a fresh bundle of the sources. */
export async function loadWorkflowBundle(
  root = projectRoot(),
  options: { traced?: boolean } = {},
): Promise<{ code: string } | { codePath: string }> {
  const runningFromDist = __dirname.split(path.sep).includes('dist');
  const prebuilt = prebuiltBundlePath(root, options);
  if (runningFromDist && existsSync(prebuilt)) return { codePath: prebuilt };
  const { code } = await bundleWorkflows(root, PRODUCTION_WORKFLOWS, options);
  return { code };
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
  log: () => undefined,
};
