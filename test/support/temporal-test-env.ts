import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_DECLARATIONS } from '@ocop/contracts';

const { IndexedValueType } = temporal.api.enums.v1;
const INDEXED_VALUE_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
};

let runtimeInstalled = false;

/**
 * A time-skipping Temporal environment on the Java test server that `npm test` fetched with Maven
 * (infra/toolchain/test-server.js). The SDK starts it through our launcher (JVM up in ≈ 0.5 s, well inside the
 * SDK's wait) and leaves time skipping locked except while a test awaits a result or `env.sleep`s. Our search
 * attributes are registered as the dev-server script registers them.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const launcher = process.env.OCOP_TEST_SERVER;
  if (!launcher) throw new Error('OCOP_TEST_SERVER is not set: run the tests through `npm test` (jest global set-up)');
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const env = await startWithRetry(launcher);
  const searchAttributes = Object.fromEntries(
    SEARCH_ATTRIBUTE_DECLARATIONS.map((declaration) => {
      const [name, type] = declaration.split('=') as [string, string];
      return [name, INDEXED_VALUE_TYPES[type]!];
    }),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
  return env;
}

/**
 * The SDK waits about 5 s for the server's port. The JVM needs ≈ 0.5 s on an idle machine, but a machine busy with
 * other work (another suite’s servers, a benchmark) can take longer: try again before failing the suite.
 */
async function startWithRetry(launcher: string, attempts = 6): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: launcher } } });
    } catch (error) {
      if (attempt >= attempts || !/did not start within/.test(String(error))) throw error;
    }
  }
}
