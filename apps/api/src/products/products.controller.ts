import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { BusinessPlanDto, DossierCheckDto, DossierDto, ReviewIdeaDto, ReviseIdeaDto, WithdrawDto } from './dto/product-actions.dto';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductDetailResponse, ProductPageResponse, ProductSummaryResponse, TimelineWithHistoryResponse } from './dto/product.response';
import { SubmitIdeaDto } from './dto/submit-idea.dto';
import { ProductsService } from './products.service';

const uuidParam = new ParseUUIDPipe({ exceptionFactory: () => fieldRuleViolation('id', 'isUuid', 'id must be a UUID') });

const STEP_ERRORS = [
  ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'A field breaks a rule (VALIDATION_FAILED, SCORE_OUT_OF_RANGE); each is named.',
  }),
  ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such product (PRODUCT_NOT_FOUND).' }),
  ApiConflictResponse({ type: ApiErrorBody, description: 'WRONG_STAGE (not awaited now), DEADLINE_PASSED, IDEMPOTENCY_IN_PROGRESS.' }),
  ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: 'A retry with the same key and body returns the first response and changes nothing.',
  }),
];
const StepDocs = (summary: string, description: string) => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const decorate of [ApiOperation({ summary, description }), ApiOkResponse({ type: ProductDetailResponse }), ...STEP_ERRORS])
    decorate(target, key, descriptor);
};

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Access('products.submitIdea')
  @ApiOperation({
    summary: 'Submit a product idea (đăng ký ý tưởng sản phẩm)',
    description: 'Starts the product’s journey in its province’s cycle and returns once IdeaSubmitted is recorded.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: 'Retries with the same key and body return the first response and start nothing new.',
  })
  @ApiCreatedResponse({ type: ProductSummaryResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'A field breaks a rule; each is named.' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorBody,
    description:
      'Unknown district, product group, organisation or certificate to re-evaluate (UNKNOWN_CERTIFICATE); or the Idempotency-Key was used with another body.',
  })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'A request with the same Idempotency-Key is still in progress.' })
  submitIdea(@Body() dto: SubmitIdeaDto, @Call() call: CallContext): Promise<ProductSummaryResponse> {
    return this.products.submitIdea(dto, call);
  }

  @Get()
  @Access('products.list')
  @ApiOperation({ summary: 'List products (danh sách sản phẩm) with filters and cursor pagination' })
  @ApiOkResponse({ type: ProductPageResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListProductsQuery, @CurrentUser() user: AuthUser): Promise<ProductPageResponse> {
    return this.products.list(query, user);
  }

  @Get(':id')
  @Access('products.detail')
  @ApiOperation({ summary: 'A product (chi tiết sản phẩm): its read model and the live state of its journey' })
  @ApiQuery({ name: 'cycleYear', required: false, description: 'A past cycle of the product (default: its latest)' })
  @ApiOkResponse({ type: ProductDetailResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'id is not a UUID' })
  detail(@Param('id', uuidParam) id: string, @Query('cycleYear') cycleYear?: string): Promise<ProductDetailResponse> {
    return this.products.detail(id, parseYear(cycleYear));
  }

  @Get(':id/timeline')
  @Access('products.timeline')
  @ApiOperation({ summary: 'The product’s timeline (lịch sử): every event of its journey, in order, with actor and time' })
  @ApiQuery({ name: 'cycleYear', required: false })
  @ApiOkResponse({ type: TimelineWithHistoryResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  timeline(@Param('id', uuidParam) id: string, @Query('cycleYear') cycleYear?: string): Promise<TimelineWithHistoryResponse> {
    return this.products.timeline(id, parseYear(cycleYear));
  }

  @Post(':id/review')
  @HttpCode(HttpStatus.OK)
  @Access('products.review')
  @StepDocs('Review the idea (xét duyệt ý tưởng): accept, reject or request changes', 'Awaited at awaiting_idea_review.')
  review(@Param('id', uuidParam) id: string, @Body() dto: ReviewIdeaDto, @Call() call: CallContext) {
    return this.products.review(id, dto, call);
  }

  @Post(':id/revision')
  @HttpCode(HttpStatus.OK)
  @Access('products.revise')
  @StepDocs('Revise the idea after changes were requested (bổ sung ý tưởng)', 'Awaited at changes_requested, before its due date.')
  revise(@Param('id', uuidParam) id: string, @Body() dto: ReviseIdeaDto, @Call() call: CallContext) {
    return this.products.revise(id, dto, call);
  }

  @Post(':id/business-plan')
  @HttpCode(HttpStatus.OK)
  @Access('products.businessPlan')
  @StepDocs('Submit the business plan (phương án kinh doanh)', 'Awaited at business_plan_due, before its deadline.')
  businessPlan(@Param('id', uuidParam) id: string, @Body() dto: BusinessPlanDto, @Call() call: CallContext) {
    return this.products.submitBusinessPlan(id, dto, call);
  }

  @Post(':id/dossier')
  @HttpCode(HttpStatus.OK)
  @Access('products.dossier')
  @StepDocs(
    'Submit the evaluation dossier (hồ sơ đánh giá): self-assessment per part and evidence',
    'Awaited at dossier_due, before its deadline; each part within its maximum.',
  )
  dossier(@Param('id', uuidParam) id: string, @Body() dto: DossierDto, @Call() call: CallContext) {
    return this.products.submitDossier(id, dto, call);
  }

  @Post(':id/dossier-check')
  @HttpCode(HttpStatus.OK)
  @Access('products.dossierCheck')
  @StepDocs(
    'Commune-level dossier check (kiểm tra hồ sơ cấp xã)',
    'Rule sets with a commune level (QĐ 1489): awaited at awaiting_commune_check.',
  )
  dossierCheck(@Param('id', uuidParam) id: string, @Body() dto: DossierCheckDto, @Call() call: CallContext) {
    return this.products.checkDossier(id, dto, call);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Access('products.withdraw')
  @StepDocs('Withdraw the product from the cycle (rút sản phẩm)', 'Any stage before the end of the journey.')
  withdraw(@Param('id', uuidParam) id: string, @Body() dto: WithdrawDto, @Call() call: CallContext) {
    return this.products.withdraw(id, dto, call);
  }
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}$/.test(value)) throw fieldRuleViolation('cycleYear', 'isInt', 'cycleYear must be a four-digit year');
  return Number(value);
}
