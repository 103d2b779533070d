import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

// A thread that installs the SDK's global workflow hooks (as its workflow thread does), runs a workflow-like vm
// context with an activator, creates a pending promise there, and reports how many promise stacks the SDK stored.
const THREAD = `
const vm = require('node:vm');
const { parentPort } = require('node:worker_threads');
const { globalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared');
globalHandlers.install();
const store = { promiseToStack: new Map(), childToParent: new Map() };
const context = vm.createContext({ __TEMPORAL_ACTIVATOR__: { promiseStackStore: store, info: { runId: 'run' } } });
vm.runInContext('globalThis.pending = new Promise(() => undefined)', context);
parentPort.postMessage(store.promiseToStack.size);
`;

function storedStacks(execArgv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(THREAD, { eval: true, execArgv, env });
    thread.once('message', (count: number) => resolve(count));
    thread.once('error', reject);
  });
}

describe('the worker threads preload (without-promise-stacks)', () => {
  let dir: string;
  let preload: string;

  beforeAll(() => {
    // Node preloads JavaScript: the file as the build emits it.
    dir = mkdtempSync(path.join(os.tmpdir(), 'ocop-preload-'));
    preload = path.join(dir, 'without-promise-stacks.js');
    const source = readFileSync(path.join(__dirname, 'without-promise-stacks.ts'), 'utf8');
    writeFileSync(
      preload,
      ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true } }).outputText,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without it, the SDK keeps a stack for every pending workflow promise', async () => {
    expect(await storedStacks([])).toBe(1);
  });

  it('with it, the SDK installs no promise hook in the thread and keeps no stack', async () => {
    expect(await storedStacks(['--require', preload])).toBe(0);
  });

  it('also with source maps on, as the worker runs (its stacks then name the SDK’s TypeScript source)', async () => {
    expect(await storedStacks(['--enable-source-maps', '--require', preload])).toBe(0);
  });

  it('WORKFLOW_STACK_TRACES=1 keeps the hook for debugging', async () => {
    expect(await storedStacks(['--require', preload], { ...process.env, WORKFLOW_STACK_TRACES: '1' })).toBe(1);
  });
});
