import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { TEMPORAL_CLIENT } from '@ocop/temporal';
import { deterministicUuid } from './deterministic-id';
import type { IdempotentRequest } from './idempotency.interceptor';
import { fromTemporalError, retryTransientRefusals } from './temporal-errors';

/**
 * How services talk to running workflows: updates (validated by the workflow, refusals mapped to coded HTTP errors)
 * and queries. An update sent for a request with an Idempotency-Key gets an update id derived from the key, so
 * Temporal itself runs a retried update once; without a key, the update id is the request's id (`X-Request-Id`,
 * in every log line of the request), so the API's log and Temporal's history name the same call.
 */
@Injectable()
export class WorkflowCalls {
  private readonly logger = new Logger(WorkflowCalls.name);

  constructor(@Inject(TEMPORAL_CLIENT) readonly client: Client) {}

  async update<Ret, Arg>(workflowId: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg, request?: IdempotentRequest): Promise<Ret> {
    // One update id for every attempt, so a transient refusal retried here never runs the step twice; without an
    // Idempotency-Key it carries the request id, so the update can be found from the request's log line.
    const requestId = (request as { id?: unknown } | undefined)?.id;
    const updateId = request?.idempotencyScope
      ? deterministicUuid('ocop-flow:update', request.idempotencyScope)
      : typeof requestId === 'string'
        ? `req:${requestId}`
        : randomUUID();
    this.logger.debug(`update ${definition.name} of ${workflowId}: update id ${updateId}`);
    return this.call(() => retryTransientRefusals(() => this.client.workflow.getHandle(workflowId).executeUpdate(definition, { args: [arg], updateId })));
  }

  /** The live state of a workflow, or null when Temporal cannot answer (the read model still can). */
  async query<Ret>(workflowId: string, definition: QueryDefinition<Ret, []>): Promise<Ret | null> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(definition);
    } catch (error) {
      this.logger.warn(`live state of ${workflowId} unavailable: ${String(error)}`);
      return null;
    }
  }

  async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const mapped = fromTemporalError(error);
      if (mapped.code === 'WORKFLOW_UNAVAILABLE') this.logger.error(`Temporal call failed: ${String(error)}`);
      throw mapped;
    }
  }
}
