import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { Environment } from '@ocop/config';
import { IdentityStore } from '@ocop/identity';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { AccessGuard } from './access.guard';
import { AccessService } from './access.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { NotificationOutbox } from '@ocop/notifications';
import { ThrottleStore } from '../common/throttle.store';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Authentication (tokens, API keys), access control in one guard and one service, users and keys. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: { expiresIn: config.get('JWT_TTL_SECONDS', { infer: true }), algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    IdentityStore,
    AuthService,
    LoginThrottle,
    ThrottleStore,
    NotificationOutbox,
    AccessService,
    UsersService,
    { provide: APP_GUARD, useClass: AccessGuard },
    // Every POST honours Idempotency-Key (after the guard, so keys are scoped to the user).
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [IdentityStore, AccessService, AuthService, ThrottleStore],
})
export class AuthModule {}
