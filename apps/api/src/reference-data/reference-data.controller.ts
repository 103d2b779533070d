import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorator';
import { ReferenceDataService } from './reference-data.service';

@ApiTags('reference-data')
@Controller('reference-data')
export class ReferenceDataController {
  constructor(private readonly referenceData: ReferenceDataService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Rule sets (parts with maxima, levels, product groups), provinces and districts, star bands. Public.' })
  read() {
    return this.referenceData.read();
  }
}
