// Preloaded into the worker's threads (`node --require`, see WORKER_NODE_ARGS in infra/processes.js): it keeps the
// Temporal SDK from installing its promise hook in the workflow thread. That hook (@temporalio/worker 1.24,
// lib/workflow/vm-shared.js, `setPromiseHook`) captures and source-maps a stack trace for every promise a workflow
// creates and keeps it until the promise settles, only so that the `__stack_trace` query (the Web UI's "Stack
// Trace" tab) can show where a workflow waits. The SDK offers no option to turn it off (`showStackTraceSources`
// only adds the sources to that query's answer). In `npm run bench` it was the largest item of the workflow
// thread's CPU profile and held every cached journey's pending promises' stacks. Without it a workflow runs the same
// code, commands and timing (a promise hook only observes), and the query answers with empty stacks.
// WORKFLOW_STACK_TRACES=1 keeps the hook, to debug a stuck workflow from the Web UI.
import { isMainThread } from 'node:worker_threads';
import v8 from 'node:v8';

// The SDK's module, as a stack names it: its JavaScript, or with --enable-source-maps (how the worker runs) the
// TypeScript source its source map points to.
const SDK_HOOK_OWNER = /@temporalio[\\/]worker[\\/](?:lib[\\/]workflow[\\/]vm-shared\.js|src[\\/]workflow[\\/]vm-shared\.ts)/;

if (!isMainThread && process.env.WORKFLOW_STACK_TRACES !== '1') {
  const createHook = v8.promiseHooks.createHook.bind(v8.promiseHooks);
  v8.promiseHooks.createHook = (hooks) => {
    // Only the SDK's own hook is left out; any other caller (none in our code today) gets its hook as asked.
    if (SDK_HOOK_OWNER.test(new Error().stack ?? '')) return () => undefined;
    return createHook(hooks);
  };
}
