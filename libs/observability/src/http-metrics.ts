import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from './metrics';

/**
 * Express middleware timing every request. The label is the matched route's template (Express sets `req.route`
 * once a handler matched), so `/products/:id` is one series however many products there are; anything that
 * matched no route (static files, 404s) counts as `unmatched`.
 */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  response.on('finish', () => {
    const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
    end({ method: request.method, route, status: String(response.statusCode) });
  });
  next();
}
