import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorLabelOf, type AuthUser } from '@ocop/identity';
import { eventIdFor } from '../common/event-id';
import type { IdempotentRequest } from '../common/idempotency.interceptor';
import { RedactFromReplay } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { Access, CurrentUser } from './access.decorator';
import { ApiKeyResponse, CreateApiKeyDto, CreateUserDto, IssuedApiKeyResponse } from './dto/create-user.dto';
import { CouncilMemberResponse, toUserResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

const ADMIN = { roles: ['admin'], rule: 'admin only' } as const;
const uuidParam = new ParseUUIDPipe({ exceptionFactory: () => fieldRuleViolation('id', 'isUuid', 'id must be a UUID') });

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @Access(ADMIN)
  @ApiOperation({ summary: 'Create a user (tạo người dùng) with a role and its binding (organisation, district, province, agency)' })
  @ApiCreatedResponse({ type: UserResponse })
  async create(@Body() dto: CreateUserDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<UserResponse> {
    return toUserResponse(await this.users.create(dto, actorLabelOf(user), eventIdFor(request, 'user-created')));
  }

  @Get('users')
  @Access(ADMIN)
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: [UserResponse] })
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(toUserResponse);
  }

  @Get('council-members')
  @Access({ roles: ['district_coordinator', 'provincial_coordinator', 'admin'], rule: 'coordinators (who set up council sessions) and admin' })
  @ApiOperation({ summary: 'The council members a coordinator can put on a session (thành viên hội đồng): id, username and name' })
  @ApiOkResponse({ type: [CouncilMemberResponse] })
  async councilMembers(): Promise<CouncilMemberResponse[]> {
    return (await this.users.list())
      .filter((u) => u.role === 'council_member' && !u.disabled)
      .map((u) => ({ userId: u.userId, username: u.username, displayName: u.displayName }));
  }

  @Post('api-keys')
  @Access(ADMIN)
  @RedactFromReplay('key')
  @ApiOperation({ summary: 'Issue an API key for an agency user (lab, inspector)', description: 'The key is in this response only; a replay of the same Idempotency-Key returns the record without it.' })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  async issueKey(@Body() dto: CreateApiKeyDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<IssuedApiKeyResponse> {
    const { key, record } = await this.users.issueKey(dto.userId, dto.name, actorLabelOf(user), eventIdFor(request, 'api-key-issued'));
    return { ...record, key };
  }

  @Get('api-keys')
  @Access(ADMIN)
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  listKeys(): Promise<ApiKeyResponse[]> {
    return this.users.listKeys();
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @Access(ADMIN)
  @ApiOperation({ summary: 'Revoke an API key (revoking again changes nothing)' })
  @ApiOkResponse({ type: ApiKeyResponse })
  revokeKey(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<ApiKeyResponse> {
    return this.users.revokeKey(id, actorLabelOf(user), eventIdFor(request, 'api-key-revoked'));
  }
}
