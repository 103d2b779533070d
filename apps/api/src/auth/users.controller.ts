import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { RedactFromReplay } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { Access } from './access.decorator';
import { ApiKeyResponse, CreateApiKeyDto, CreateUserDto, IssuedApiKeyResponse, RebindUserDto } from './dto/create-user.dto';
import { CouncilMemberResponse, toUserResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

const uuidParam = new ParseUUIDPipe({ exceptionFactory: () => fieldRuleViolation('id', 'isUuid', 'id must be a UUID') });

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @Access('users.create')
  @ApiOperation({ summary: 'Create a user (tạo người dùng) with a role and its binding (organisation, district, province, agency)' })
  @ApiCreatedResponse({ type: UserResponse })
  async create(@Body() dto: CreateUserDto, @Call() call: CallContext): Promise<UserResponse> {
    return toUserResponse(await this.users.create(dto, call));
  }

  @Get('users')
  @Access('users.list')
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: [UserResponse] })
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(toUserResponse);
  }

  @Put('users/:id/binding')
  @Access('users.rebind')
  @ApiOperation({
    summary: 'Gắn lại người dùng / Re-bind a user to another organisation, district, province or agency (its role stays)',
    description:
      'Records UserRebound (stream user:<id>) with the new binding and the one before; the user’s next request already has it. The field its role is bound by is required (producer: organisationId; district coordinator: districtCode; provincial coordinator: provinceCode; lab, inspector: agencyId); sending the same binding again records nothing.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'The field the role needs is missing or malformed, or does not apply to the role; it is named.',
  })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such user.' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorBody,
    description: 'UNKNOWN_ORGANISATION or UNKNOWN_DISTRICT: the binding names nothing known.',
  })
  async rebind(@Param('id', uuidParam) id: string, @Body() dto: RebindUserDto, @Call() call: CallContext): Promise<UserResponse> {
    return toUserResponse(await this.users.rebind(id, dto, call));
  }

  @Post('users/:id/disable')
  @HttpCode(HttpStatus.OK)
  @Access('users.disable')
  @ApiOperation({
    summary: 'Khóa người dùng / Disable a user (a person who left)',
    description:
      'Records UserDisabled (stream user:<id>) with the actor; from that moment the user cannot log in (INVALID_CREDENTIALS, as a wrong password) and its tokens and API keys are refused (401). Disabling a disabled user records nothing. An admin cannot disable itself.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'id is not a UUID, or is the caller’s own account (rule notSelf).' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such user.' })
  async disable(@Param('id', uuidParam) id: string, @Call() call: CallContext): Promise<UserResponse> {
    return toUserResponse(await this.users.setDisabled(id, true, call));
  }

  @Post('users/:id/enable')
  @HttpCode(HttpStatus.OK)
  @Access('users.enable')
  @ApiOperation({
    summary: 'Mở khóa người dùng / Enable a disabled user again',
    description:
      'Records UserEnabled (stream user:<id>) with the actor; the user logs in again (old tokens still expire as issued). Enabling an enabled user records nothing.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such user.' })
  async enable(@Param('id', uuidParam) id: string, @Call() call: CallContext): Promise<UserResponse> {
    return toUserResponse(await this.users.setDisabled(id, false, call));
  }

  @Get('council-members')
  @Access('users.councilMembers')
  @ApiOperation({ summary: 'The council members a coordinator can put on a session (thành viên hội đồng): id, username and name' })
  @ApiOkResponse({ type: [CouncilMemberResponse] })
  async councilMembers(): Promise<CouncilMemberResponse[]> {
    return (await this.users.list())
      .filter((u) => u.role === 'council_member' && !u.disabled)
      .map((u) => ({ userId: u.userId, username: u.username, displayName: u.displayName }));
  }

  @Post('api-keys')
  @Access('apiKeys.issue')
  @RedactFromReplay('key')
  @ApiOperation({
    summary: 'Issue an API key for an agency user (lab, inspector)',
    description: 'The key is in this response only; a replay of the same Idempotency-Key returns the record without it.',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  async issueKey(@Body() dto: CreateApiKeyDto, @Call() call: CallContext): Promise<IssuedApiKeyResponse> {
    const { key, record } = await this.users.issueKey(dto.userId, dto.name, call);
    return { ...record, key };
  }

  @Get('api-keys')
  @Access('apiKeys.list')
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  listKeys(): Promise<ApiKeyResponse[]> {
    return this.users.listKeys();
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @Access('apiKeys.revoke')
  @ApiOperation({ summary: 'Revoke an API key (revoking again changes nothing)' })
  @ApiOkResponse({ type: ApiKeyResponse })
  revokeKey(@Param('id', uuidParam) id: string, @Call() call: CallContext): Promise<ApiKeyResponse> {
    return this.users.revokeKey(id, call);
  }
}
