// Workflow-side tracing interceptors, bundled only into the traced workflow bundle (libs/temporal/src/workflow-bundle.ts)
// that a worker with OTEL_EXPORTER_OTLP_ENDPOINT set runs. They continue the caller's trace (from the Temporal
// headers) in RunWorkflow / HandleUpdate / ValidateUpdate / HandleSignal spans and pass it on to activities, signals
// and child workflows — the span names and headers of `@temporalio/interceptors-opentelemetry`, whose client and
// activity interceptors sit on either side.
//
// Why not that package's own workflow interceptors: they wrap every handler and every activity call in `async`
// functions (and, in histories that lack its SDK flags — every history recorded without tracing — add an
// `await Promise.resolve()` more), so the workflow's code resumes a few microtasks later than without them and the
// commands of one activation can come out in another order: our recorded histories fail to replay on them
// ("Update machine does not handle this event: TimerStarted"), so turning tracing on or off would break running
// workflows. Here every interceptor hands back the very promise `next` returned and ends its span on the side;
// span ids come from the run id and a counter instead of Math.random, so the workflow's own `uuid4()` sequence is
// untouched. With or without these interceptors a workflow issues the same commands at the same moments, and either
// bundle replays the other's histories (test/workflow/histories.spec.ts, test/e2e/tracing.e2e.spec.ts).
import '@temporalio/interceptors-opentelemetry/lib/workflow/runtime';
import * as otel from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { ContextManager } from '@temporalio/interceptors-opentelemetry/lib/workflow/context-manager';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter';
import { extractContextFromHeaders, headersWithContext } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  ContinueAsNew,
  workflowInfo,
  type ActivityInput,
  type ContinueAsNewInput,
  type DisposeInput,
  type LocalActivityInput,
  type Next,
  type SignalInput,
  type SignalWorkflowInput,
  type StartChildWorkflowExecutionInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowInternalsInterceptor,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** Span ids from the run id and a counter: unique in the run, the same on every replay, no Math.random drawn. */
class RunScopedIds implements IdGenerator {
  private count = 0n;
  private readonly base = BigInt(`0x${workflowInfo().runId.replace(/-/g, '').padEnd(32, '0').slice(0, 32)}`);

  generateTraceId(): string {
    // A trace the workflow starts itself (no caller's context): the run id is its trace id.
    return (this.base === 0n ? 1n : this.base).toString(16).padStart(32, '0');
  }

  generateSpanId(): string {
    this.count += 1n;
    const id = ((this.base & 0xffffffffffffffffn) ^ (this.count * 0x9e3779b97f4a7c15n)) & 0xffffffffffffffffn;
    return (id === 0n ? 1n : id).toString(16).padStart(16, '0');
  }
}

let tracer: otel.Tracer | undefined;
let contextManager: ContextManager | undefined;

function workflowTracer(): otel.Tracer {
  if (!tracer) {
    contextManager = new ContextManager();
    const provider = new BasicTracerProvider({ idGenerator: new RunScopedIds() });
    // Finished spans leave the sandbox through the worker's `exporter` sink (not called while replaying).
    provider.addSpanProcessor(new SimpleSpanProcessor(new SpanExporter()));
    provider.register({ contextManager });
    tracer = provider.getTracer('@temporalio/interceptor-workflow');
  }
  return tracer;
}

/** Ends the span when the promise settles, on a side chain: the caller gets the same promise, at the same moment. */
function endWith<T>(span: otel.Span, result: Promise<T>, acceptable: (error: unknown) => boolean = () => false): Promise<T> {
  result.then(
    () => span.end(),
    (error: unknown) => {
      if (!acceptable(error)) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: otel.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      span.end();
    },
  );
  return result;
}

/** Runs `fn` (which returns a promise) inside a new span, child of `parent`; hands back fn's own promise. */
function traced<T>(
  name: string,
  parent: otel.Context,
  fn: (active: otel.Context) => Promise<T>,
  attributes: otel.Attributes = {},
  acceptable?: (error: unknown) => boolean,
): Promise<T> {
  const span = workflowTracer().startSpan(name, { attributes }, parent);
  const active = otel.trace.setSpan(parent, span);
  let result: Promise<T>;
  try {
    result = otel.context.with(active, () => fn(active));
  } catch (error) {
    result = Promise.reject(error);
  }
  return endWith(span, result, acceptable);
}

const isContinueAsNew = (error: unknown) => error instanceof ContinueAsNew;

class TracingInbound implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const { workflowType, workflowId } = workflowInfo();
    return traced(
      `RunWorkflow:${workflowType}`,
      extractContextFromHeaders(input.headers) ?? otel.ROOT_CONTEXT,
      () => next(input),
      { temporalWorkflowId: workflowId },
      isContinueAsNew,
    );
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    const parent = extractContextFromHeaders(input.headers);
    return traced(`HandleSignal:${input.signalName}`, parent ?? otel.context.active(), () => next(input), {
      temporalWorkflowId: workflowInfo().workflowId,
    });
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    const parent = extractContextFromHeaders(input.headers);
    return traced(`HandleUpdate:${input.name}`, parent ?? otel.context.active(), () => next(input), {
      temporalWorkflowId: workflowInfo().workflowId,
      temporalUpdateId: input.updateId,
    });
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    const parent = extractContextFromHeaders(input.headers) ?? otel.context.active();
    const span = workflowTracer().startSpan(`ValidateUpdate:${input.name}`, { attributes: { temporalUpdateId: input.updateId } }, parent);
    try {
      otel.context.with(otel.trace.setSpan(parent, span), () => next(input));
    } catch (error) {
      span.setStatus({ code: otel.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  }
}

class TracingOutbound implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    return traced(`StartActivity:${input.activityType}`, otel.context.active(), () =>
      next({ ...input, headers: headersWithContext(input.headers) }),
    );
  }

  scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ): Promise<unknown> {
    return traced(`StartActivity:${input.activityType}`, otel.context.active(), () =>
      next({ ...input, headers: headersWithContext(input.headers) }),
    );
  }

  signalWorkflow(input: SignalWorkflowInput, next: Next<WorkflowOutboundCallsInterceptor, 'signalWorkflow'>): Promise<void> {
    return traced(`SignalWorkflow:${input.signalName}`, otel.context.active(), () =>
      next({ ...input, headers: headersWithContext(input.headers) }),
    );
  }

  startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ): Promise<[Promise<string>, Promise<unknown>]> {
    // The span covers the start (the first promise); the pair itself is handed back untouched.
    const span = workflowTracer().startSpan(`StartChildWorkflow:${input.workflowType}`, {}, otel.context.active());
    const active = otel.trace.setSpan(otel.context.active(), span);
    const result = otel.context.with(active, () => next({ ...input, headers: headersWithContext(input.headers) }));
    result.then(
      ([started]) => endWith(span, started).catch(() => undefined),
      () => span.end(),
    );
    return result;
  }

  continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>): Promise<never> {
    return traced(
      `ContinueAsNew:${input.options.workflowType}`,
      otel.context.active(),
      () => next({ ...input, headers: headersWithContext(input.headers) }),
      {},
      isContinueAsNew,
    );
  }
}

class TracingInternals implements WorkflowInternalsInterceptor {
  dispose(input: DisposeInput, next: Next<WorkflowInternalsInterceptor, 'dispose'>): void {
    contextManager?.disable();
    next(input);
  }
}

export const interceptors = (): WorkflowInterceptors => {
  // Registered before the first header is read: until then OpenTelemetry's propagator is a no-op that finds no caller.
  workflowTracer();
  return { inbound: [new TracingInbound()], outbound: [new TracingOutbound()], internals: [new TracingInternals()] };
};
