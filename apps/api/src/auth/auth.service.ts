import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { OcopError } from '@ocop/domain';
import { AuthUser, IdentityStore, UserRecord, verifyAgainstNothing, verifyPassword } from '@ocop/identity';
import { LoginThrottle } from './login-throttle';

export const API_KEY_HEADER = 'X-Api-Key';

interface TokenClaims {
  sub: string;
  role: string;
  iat?: number;
  /** When the token was issued, in milliseconds (iat has whole seconds; a disable can fall in the same second). */
  issuedAtMs?: number;
  exp: number;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: UserRecord;
}

/** Proves who calls: a password login gives a signed token; each request carries the token or an agency API key. */
@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityStore,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<LoginResult> {
    const attempt = await this.throttle.begin(username, clientAddress);
    const found = await this.identity.findCredentials(username);
    const valid = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : await verifyAgainstNothing(password);
    if (!found || !valid || found.user.disabled) {
      await this.throttle.failed(attempt, found?.user);
      throw new OcopError('INVALID_CREDENTIALS');
    }
    await this.throttle.succeeded(attempt);
    const accessToken = await this.jwt.signAsync({ sub: found.user.userId, role: found.user.role, issuedAtMs: Date.now() });
    const { exp } = this.jwt.decode<TokenClaims>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(exp * 1000).toISOString(), user: found.user };
  }

  /** The caller of a request, or UNAUTHENTICATED naming why (no credentials, expired, invalid, unknown key). */
  async authenticate(request: Request): Promise<AuthUser> {
    const apiKey = request.header(API_KEY_HEADER);
    if (apiKey !== undefined) {
      const user = await this.identity.userOfApiKey(apiKey);
      if (!user || user.disabled) throw new OcopError('UNAUTHENTICATED', { reason: 'unknown or revoked API key', header: API_KEY_HEADER });
      return { ...user, via: 'api_key' };
    }
    const authorization = request.header('Authorization');
    const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
    if (!match)
      throw new OcopError('UNAUTHENTICATED', {
        reason: authorization ? 'Authorization must be "Bearer <token>"' : 'no credentials',
        header: 'Authorization',
      });
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1]!);
    } catch (error) {
      const expired = (error as { name?: string }).name === 'TokenExpiredError';
      throw new OcopError('UNAUTHENTICATED', { reason: expired ? 'token expired' : 'invalid token', header: 'Authorization' });
    }
    const user = await this.identity.findById(claims.sub);
    if (!user || user.disabled) throw new OcopError('UNAUTHENTICATED', { reason: 'user unknown or disabled' });
    // A token from before the user was last disabled stays dead when the user is enabled again.
    if (user.tokensRevokedAt && (claims.issuedAtMs ?? (claims.iat ?? 0) * 1000) < Date.parse(user.tokensRevokedAt))
      throw new OcopError('UNAUTHENTICATED', { reason: 'token issued before the user was disabled', header: 'Authorization' });
    return { ...user, via: 'token' };
  }
}
