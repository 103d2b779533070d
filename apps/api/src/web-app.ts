import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const WEB_BASE = '/app';

/** Where the built web app is: dist/web, next to dist/apps/api (or WEB_DIST_DIR). */
export const webDistDir = (): string => process.env.WEB_DIST_DIR ?? path.resolve(__dirname, '..', '..', '..', 'web');

/**
 * Serves the web app (static files built by Vite) under /app on the API's own origin, so it calls the API without
 * CORS. Client-side routes (/app/products/…) get index.html; a missing asset is a 404. `/` leads to the app.
 */
export function serveWebApp(app: INestApplication): void {
  const root = webDistDir();
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`no web app at ${root} (run the build); the API runs without it`);
    return;
  }
  app.use(WEB_BASE, express.static(root, { index: false, maxAge: '1h', setHeaders: (res, file) => file.endsWith('index.html') && res.setHeader('Cache-Control', 'no-cache') }));
  app.use(WEB_BASE, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || path.extname(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  app.use((request: Request, response: Response, next: NextFunction) => (request.method === 'GET' && request.path === '/' ? response.redirect(`${WEB_BASE}/`) : next()));
}
