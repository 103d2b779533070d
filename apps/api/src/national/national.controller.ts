import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { NationalOverviewResponse, NationalQuery } from './dto/national.dto';
import { NationalService } from './national.service';

@ApiTags('national')
@Controller('national')
export class NationalController {
  constructor(private readonly national: NationalService) {}

  @Get()
  @Access('national.overview')
  @ApiOperation({
    summary:
      'Toàn quốc / The national view: every province’s products and stars, targets, nominees awaiting the central council, certificates expiring in 90 days',
    description:
      'Per province with a cycle, products or certificates in the year: products of the cycle, certificates of the year in force by stars, the cycle’s target of new certified products, nominees awaiting the central council; the nominees themselves; and every certificate in force expiring in the next 90 days.',
  })
  @ApiOkResponse({ type: NationalOverviewResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  overview(@Query() query: NationalQuery): Promise<NationalOverviewResponse> {
    return this.national.overview(query);
  }
}
