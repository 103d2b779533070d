import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Log in (đăng nhập): a signed access token for the user', description: 'Public. Wrong username and wrong password give the same 401 (INVALID_CREDENTIALS).' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiUnauthorizedResponse({ type: ApiErrorBody })
  async login(@Body() dto: LoginDto): Promise<LoginResponse> {
    const result = await this.auth.login(dto.username, dto.password);
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
