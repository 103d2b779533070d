import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Environment } from '@ocop/config';
import {
  ideaSubmissionUpdate,
  JourneyState,
  journeyStateQuery,
  PRODUCT_JOURNEY_WORKFLOW,
  ProductJourneyInput,
  productJourneyId,
} from '@ocop/contracts';
import { defaultRuleSetForYear, findDistrict, findProductGroup, isPlausibleCycleYear, OcopError } from '@ocop/domain';
import type { ProductEntity } from '@ocop/persistence';
import { TEMPORAL_CLIENT } from '@ocop/temporal';
import { deterministicUuid } from '../common/deterministic-id';
import { fromTemporalError } from '../common/temporal-errors';
import { SubmitIdeaDto } from './dto/submit-idea.dto';
import { ProductDetailResponse, ProductResponse } from './dto/product.response';
import { ProductsRepository } from './products.repository';

@Injectable()
export class ProductsService {
  private readonly logger = new Logger(ProductsService.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly repository: ProductsRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Checks the idea against the reference data, then starts the product's journey and waits until the journey
   * has recorded IdeaSubmitted. Nothing is written and nothing starts when a check fails.
   */
  async submitIdea(dto: SubmitIdeaDto, actor: string, idempotencyScope?: string): Promise<ProductResponse> {
    if (!isPlausibleCycleYear(dto.cycleYear, new Date())) {
      throw new OcopError('CYCLE_YEAR_OUT_OF_RANGE', { field: 'cycleYear', value: dto.cycleYear });
    }
    const district = findDistrict(dto.district);
    if (!district) throw new OcopError('UNKNOWN_DISTRICT', { field: 'district', value: dto.district });
    const ruleSet = defaultRuleSetForYear(dto.cycleYear);
    if (!findProductGroup(ruleSet, dto.productGroup)) {
      throw new OcopError('UNKNOWN_PRODUCT_GROUP', { field: 'productGroup', value: dto.productGroup, ruleSet });
    }
    if (!(await this.repository.findOrganisation(dto.organisationId))) {
      throw new OcopError('UNKNOWN_ORGANISATION', { field: 'organisationId', value: dto.organisationId });
    }

    // A retried request (same Idempotency-Key) derives the same product id, hence the same workflow id.
    const productId = idempotencyScope ? deterministicUuid('ocop-flow:product', idempotencyScope) : randomUUID();
    const input: ProductJourneyInput = {
      productId,
      organisationId: dto.organisationId,
      name: dto.name,
      productGroup: dto.productGroup,
      districtCode: district.code,
      provinceCode: district.provinceCode,
      cycleYear: dto.cycleYear,
      ruleSet,
      submittedBy: actor,
      submittedAt: new Date().toISOString(),
    };
    const workflowId = productJourneyId(productId, dto.cycleYear);
    const state = await this.callTemporal(() =>
      this.temporal.workflow.executeUpdateWithStart(ideaSubmissionUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(PRODUCT_JOURNEY_WORKFLOW, {
          workflowId,
          taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      }),
    );
    return {
      id: productId,
      organisationId: input.organisationId,
      name: input.name,
      productGroup: input.productGroup,
      province: input.provinceCode,
      district: input.districtCode,
      cycleYear: input.cycleYear,
      ruleSet,
      stage: state.stage,
      workflowId,
      submittedAt: input.submittedAt,
    };
  }

  async getProduct(productId: string): Promise<ProductDetailResponse> {
    const product = await this.repository.findProduct(productId);
    if (!product) throw new OcopError('PRODUCT_NOT_FOUND', { field: 'id', value: productId });
    return { ...toResponse(product), live: await this.liveState(product.workflowId) };
  }

  private async liveState(workflowId: string): Promise<JourneyState | null> {
    try {
      return await this.temporal.workflow.getHandle(workflowId).query(journeyStateQuery);
    } catch (error) {
      this.logger.warn(`live state of ${workflowId} unavailable: ${String(error)}`);
      return null;
    }
  }

  private async callTemporal<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const mapped = fromTemporalError(error);
      if (mapped.code === 'WORKFLOW_UNAVAILABLE') this.logger.error(`Temporal call failed: ${String(error)}`);
      throw mapped;
    }
  }
}

function toResponse(product: ProductEntity): ProductResponse {
  return {
    id: product.productId,
    organisationId: product.organisationId,
    name: product.name,
    productGroup: product.productGroup,
    province: product.provinceCode,
    district: product.districtCode,
    cycleYear: product.cycleYear,
    ruleSet: product.ruleSet,
    stage: product.stage,
    workflowId: product.workflowId,
    submittedAt: new Date(product.submittedAt).toISOString(),
  };
}
