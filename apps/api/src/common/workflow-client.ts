import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Environment } from '@ocop/config';
import { OcopError } from '@ocop/domain';
import { KeyedLimiter, TEMPORAL_CLIENT } from '@ocop/temporal';
import { CallContext, updateIdFor } from './call-context';
import { fromTemporalError, retryTransientRefusals } from './temporal-errors';

/**
 * Updates one API process keeps in flight on one workflow; Temporal takes 10 at most (`history.maxInFlightUpdates`),
 * shared by every API process.
 */
const UPDATES_IN_FLIGHT_PER_WORKFLOW = 3;

/** The workflow a first step starts when it is not running yet. */
export interface WorkflowStart<Input> {
  /** The workflow type (`PRODUCT_JOURNEY_WORKFLOW`, …). */
  readonly type: string;
  readonly workflowId: string;
  readonly input: Input;
  /** Whether a workflow id may be used again once its run has closed (default: Temporal's, allow). */
  readonly reuse?: WorkflowIdReusePolicy;
  /** The error a start refused because the id was used before is answered with (default ALREADY_EXISTS). */
  readonly alreadyExists?: OcopError;
}

/**
 * The one way the API talks to workflows. A workflow is started by its first step: update-with-start sends the
 * step's update and starts the workflow if it is not running (a workflow already running with the id takes the
 * update instead), and the update answers once the workflow has recorded the step — so the read model already
 * shows it. Later steps are updates, validated by the workflow; its refusals become coded HTTP errors. A call with
 * an Idempotency-Key sends its update with an id derived from the key, so Temporal runs a retried step once; every
 * attempt of one call (a transient refusal is retried for a few seconds) carries the same update id.
 */
@Injectable()
export class WorkflowClient {
  private readonly logger = new Logger(WorkflowClient.name);
  private readonly perWorkflow = new KeyedLimiter(UPDATES_IN_FLIGHT_PER_WORKFLOW);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Starts the workflow (if not running) with its first step, and answers the step's result. */
  async start<Ret, Input>(start: WorkflowStart<Input>, firstStep: UpdateDefinition<Ret, []>, call: CallContext): Promise<Ret> {
    const updateId = updateIdFor(call);
    try {
      // A fresh start operation per attempt (one can be used once); the same workflow and update ids for all.
      return await this.call(start.workflowId, () =>
        this.client.workflow.executeUpdateWithStart(firstStep, {
          updateId,
          startWorkflowOperation: new WithStartWorkflowOperation(start.type, {
            workflowId: start.workflowId,
            taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
            args: [start.input],
            workflowIdConflictPolicy: 'USE_EXISTING',
            ...(start.reuse ? { workflowIdReusePolicy: start.reuse } : {}),
          }),
        }),
      );
    } catch (error) {
      throw error instanceof WorkflowExecutionAlreadyStartedError
        ? (start.alreadyExists ?? new OcopError('ALREADY_EXISTS', { workflowId: start.workflowId }))
        : error;
    }
  }

  /** A step of a running workflow. */
  update<Ret, Arg>(workflowId: string, step: UpdateDefinition<Ret, [Arg]>, arg: Arg, call: CallContext): Promise<Ret> {
    const updateId = updateIdFor(call);
    return this.call(workflowId, () => this.client.workflow.getHandle(workflowId).executeUpdate(step, { args: [arg], updateId }));
  }

  /** A message to a running workflow (no answer expected), e.g. a new holiday schedule for an open session. */
  signal<Arg>(workflowId: string, message: SignalDefinition<[Arg]>, arg: Arg): Promise<void> {
    return this.call(workflowId, () => this.client.workflow.getHandle(workflowId).signal(message, arg));
  }

  /** The live state of a workflow, or null when Temporal cannot answer in time (the read model still can). */
  async query<Ret>(workflowId: string, definition: QueryDefinition<Ret, []>): Promise<Ret | null> {
    try {
      return await this.client.withDeadline(this.deadline(), () => this.client.workflow.getHandle(workflowId).query(definition));
    } catch (error) {
      this.logger.warn(`live state of ${workflowId} unavailable: ${String(error)}`);
      return null;
    }
  }

  private deadline(): number {
    return Date.now() + this.config.get('TEMPORAL_STEP_TIMEOUT_MS', { infer: true });
  }

  /**
   * Waits its turn among this process's calls to the workflow, retries transient refusals (every attempt carries the
   * call's one update id), then maps errors to coded ones.
   */
  private async call<T>(workflowId: string, operation: () => Promise<T>): Promise<T> {
    try {
      // One deadline for every attempt, counted once the call's turn comes: past it the client stops waiting for the
      // workflow to take the step, the request answers 503, and a retry with the same key sends the same update id.
      return await this.perWorkflow.run(workflowId, () =>
        this.client.withDeadline(this.deadline(), () => retryTransientRefusals(operation)),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw error;
      const mapped = fromTemporalError(error);
      if (mapped.code === 'WORKFLOW_UNAVAILABLE') this.logger.error(`Temporal call failed: ${String(error)}`);
      throw mapped;
    }
  }
}
