import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorator';
import { ReferenceDataService } from './reference-data.service';

export class ReferenceDataResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'QD1048-2019, QD148-2023, QD1489-2025: title, parts A/B/C with max, levels, labTestingBefore, productGroups',
  })
  ruleSets!: unknown[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Provinces with their districts' })
  provinces!: unknown[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [{ stars: 3, min: 50, max: 69.99 }] })
  starBands!: unknown[];

  @ApiProperty({ type: [Number], example: [3, 4, 5] })
  certifiableStars!: number[];

  @ApiProperty({ example: 36 })
  certificateValidityMonths!: number;

  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' })
  timeZone!: string;
}

@ApiTags('reference-data')
@Controller('reference-data')
export class ReferenceDataController {
  constructor(private readonly referenceData: ReferenceDataService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Rule sets (parts with maxima, levels, product groups), provinces and districts, star bands. Public.' })
  @ApiOkResponse({ type: ReferenceDataResponse })
  read() {
    return this.referenceData.read();
  }
}
