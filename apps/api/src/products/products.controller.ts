import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiErrorBody } from '../common/api-error';
import { IDEMPOTENCY_HEADER, IdempotencyInterceptor, type IdempotentRequest } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { ProductDetailResponse, ProductResponse } from './dto/product.response';
import { SubmitIdeaDto } from './dto/submit-idea.dto';
import { ProductsService } from './products.service';

const uuidParam = new ParseUUIDPipe({ exceptionFactory: () => fieldRuleViolation('id', 'isUuid', 'id must be a UUID') });

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({
    summary: 'Submit a product idea (đăng ký ý tưởng sản phẩm)',
    description: 'Starts the product’s journey for the cycle and returns once IdeaSubmitted is recorded. Roles: producer of the organisation (authentication arrives with the API issue).',
  })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false, description: 'Retries with the same key and body return the first response and start nothing new.' })
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'A field breaks a rule; each is named.' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorBody, description: 'Unknown district, product group or organisation; or the Idempotency-Key was used with another body.' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'A request with the same Idempotency-Key is still in progress.' })
  submitIdea(@Body() dto: SubmitIdeaDto, @Req() request: IdempotentRequest): Promise<ProductResponse> {
    return this.products.submitIdea(dto, `producer:${dto.organisationId}`, request.idempotencyScope);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A product: its read model and the live state of its journey' })
  @ApiOkResponse({ type: ProductDetailResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'id is not a UUID' })
  getProduct(@Param('id', uuidParam) id: string): Promise<ProductDetailResponse> {
    return this.products.getProduct(id);
  }
}
