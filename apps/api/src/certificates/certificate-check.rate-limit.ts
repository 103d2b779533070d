import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { Environment } from '@ocop/config';
import { OcopError } from '@ocop/domain';
import { clientAddressOf } from '../common/client-address';
import { ThrottleStore } from '../common/throttle.store';

const WINDOW_SECONDS = 60;

/**
 * The public certificate check answers anyone without a login, so it is rate-limited per client address
 * (CERTIFICATE_CHECKS_PER_MINUTE, counted in PostgreSQL across API processes): enough for people scanning QR codes,
 * too few to walk the number space. Over the limit: 429 TOO_MANY_REQUESTS with Retry-After.
 */
@Injectable()
export class CertificateCheckRateLimit implements CanActivate {
  private readonly limit: number;

  constructor(
    private readonly store: ThrottleStore,
    config: ConfigService<Environment, true>,
  ) {
    this.limit = config.get('CERTIFICATE_CHECKS_PER_MINUTE', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { count, resetInSeconds } = await this.store.hit(
      `certificate-check:address:${clientAddressOf(context.switchToHttp().getRequest<Request>())}`,
      WINDOW_SECONDS,
    );
    if (count > this.limit)
      throw new OcopError('TOO_MANY_REQUESTS', { retryAfterSeconds: resetInSeconds, limit: `${this.limit} per minute per address` });
    return true;
  }
}
