import type { Request } from 'express';

/** The address a request came from (the socket's peer: the API trusts no forwarding header). */
export function clientAddressOf(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
