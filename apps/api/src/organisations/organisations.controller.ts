import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
import { ChangeContactDto } from './dto/change-contact.dto';
import { LateEntryResponse, OpenLateEntryDto } from './dto/late-entry.dto';
import { ListOrganisationsQuery, RegisterOrganisationDto } from './dto/register-organisation.dto';
import { OrganisationPageResponse, OrganisationResponse } from './dto/organisation.response';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Access('organisations.register')
  @ApiOperation({
    summary: 'Đăng ký chủ thể sản xuất / Register a producer organisation',
    description: 'Records OrganisationRegistered (stream organisation:<id>); the id derives from the Idempotency-Key when there is one.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: 'A retry with the same key and body returns the first response and registers nothing new.',
  })
  @ApiCreatedResponse({ type: OrganisationResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'A field breaks a rule; each is named.' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorBody,
    description: 'UNKNOWN_DISTRICT; or the Idempotency-Key was used with another body.',
  })
  register(@Body() dto: RegisterOrganisationDto, @Call() call: CallContext): Promise<OrganisationResponse> {
    return this.organisations.register(dto, call);
  }

  @Get()
  @Access('organisations.list')
  @ApiOperation({ summary: 'Danh sách chủ thể / List producer organisations (scoped to the caller)' })
  @ApiOkResponse({ type: OrganisationPageResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListOrganisationsQuery, @CurrentUser() user: AuthUser): Promise<OrganisationPageResponse> {
    return this.organisations.list(query, user);
  }

  @Get(':id')
  @Access('organisations.detail')
  @ApiOperation({ summary: 'Chủ thể sản xuất / A producer organisation' })
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such organisation.' })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'id is not a UUID.' })
  detail(@Param('id') id: string): Promise<OrganisationResponse> {
    return this.organisations.detail(id);
  }

  @Patch(':id')
  @Access('organisations.changeContact')
  @ApiOperation({
    summary: 'Sửa thông tin liên hệ / Change an organisation’s contact details',
    description:
      'Records OrganisationContactChanged (stream organisation:<id>) with the fields sent (null clears one) and the caller as actor. Idempotent: a field already holding the value sent is not recorded again, so a retry records nothing.',
  })
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'No field sent, or a field breaks a rule; each is named.' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such organisation.' })
  changeContact(@Param('id') id: string, @Body() dto: ChangeContactDto, @Call() call: CallContext): Promise<OrganisationResponse> {
    return this.organisations.changeContact(id, dto, call);
  }

  @Post(':id/late-entries')
  @HttpCode(HttpStatus.CREATED)
  @Access('organisations.openLateEntry')
  @ApiOperation({
    summary: 'Mở đăng ký muộn cho chủ thể / Open a late entry for the organisation',
    description:
      'After the cycle’s idea window closed, lets this organisation send ideas until `until` (the end of that local day; 7 days from today when left out). The cycle workflow records LateEntryOpened with the coordinator.',
  })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false, description: 'A retry with the same key records it once.' })
  @ApiCreatedResponse({ type: LateEntryResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'cycleYear or until breaks a rule; each is named.' })
  @ApiForbiddenResponse({ type: ApiErrorBody, description: 'Not a coordinator of the organisation’s district or province.' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such organisation.' })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'CYCLE_NOT_OPEN: no cycle of the province that year; DATE_IN_PAST: until has passed.',
  })
  openLateEntry(@Param('id') id: string, @Body() dto: OpenLateEntryDto, @Call() call: CallContext): Promise<LateEntryResponse> {
    return this.organisations.openLateEntry(id, dto, call);
  }
}
