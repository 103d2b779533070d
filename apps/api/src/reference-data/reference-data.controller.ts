import { Controller, Get, Param } from '@nestjs/common';
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

export class CommuneResponse {
  @ApiProperty({ example: '02890' })
  code!: string;

  @ApiProperty({ example: 'Xã Bảo Nhai' })
  vi!: string;

  @ApiProperty({ example: 'commune', enum: ['commune', 'ward', 'special-zone', 'township'] })
  type!: string;
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

  @Get('provinces/:province/communes')
  @Public()
  @ApiOperation({
    summary:
      'The communes of a province on the 2025 map (lao-cai stands for the new Lào Cai, 15), to place an organisation by name. Public; 404 for an unknown province.',
  })
  @ApiOkResponse({ type: CommuneResponse, isArray: true })
  communes(@Param('province') province: string): CommuneResponse[] {
    return this.referenceData.communes(province);
  }
}
