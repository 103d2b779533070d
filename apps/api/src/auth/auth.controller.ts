import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { clientAddressOf } from '../common/client-address';
import type { AuthUser } from '@ocop/identity';
import { ApiErrorBody } from '../common/api-error';
import { Access, CurrentUser, Public } from './access.decorator';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { toUserResponse, UserResponse } from './dto/user.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Log in (đăng nhập): a signed access token for the user',
    description:
      'Public. Wrong username and wrong password give the same 401 (INVALID_CREDENTIALS). Failed logins are throttled per account and per ' +
      'client address: after a few, each next try must wait a doubling delay (429 LOGIN_THROTTLED with Retry-After); after more in a row the ' +
      'account is locked for a while (429 ACCOUNT_LOCKED, the right password included) and its owner is told.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiUnauthorizedResponse({ type: ApiErrorBody })
  @ApiTooManyRequestsResponse({
    type: ApiErrorBody,
    description: 'LOGIN_THROTTLED or ACCOUNT_LOCKED; wait the Retry-After seconds',
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
  })
  async login(@Body() dto: LoginDto, @Req() request: Request): Promise<LoginResponse> {
    const result = await this.auth.login(dto.username, dto.password, clientAddressOf(request));
    return { ...result, user: toUserResponse(result.user) };
  }

  @Get('me')
  @Access('auth.me')
  @ApiOperation({ summary: 'Who I am: the authenticated user, its role and bindings' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): UserResponse {
    return toUserResponse(user);
  }
}
