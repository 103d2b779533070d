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
 * CORS. Hashed assets are cached for a year as immutable, index.html is revalidated; responses are compressed
 * (configureApp). Client-side routes (/app/products/…) get index.html; a missing asset is a 404. `/` leads to the app.
 */
export function serveWebApp(app: INestApplication): void {
  const root = webDistDir();
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`no web app at ${root} (run the build); the API runs without it`);
    return;
  }
  // Source maps stay on the server (Vite writes them "hidden": no reference in the bundles): never served.
  app.use(WEB_BASE, (request: Request, response: Response, next: NextFunction) =>
    request.path.endsWith('.map') ? response.status(404).end() : next(),
  );
  app.use(
    WEB_BASE,
    express.static(root, {
      index: false,
      setHeaders: (res, file) => {
        // Vite names every built asset by its content hash: a changed file is a new URL, so an asset never goes stale.
        if (file.startsWith(path.join(root, 'assets') + path.sep)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  app.use(WEB_BASE, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || path.extname(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.method === 'GET' && request.path === '/' ? response.redirect(`${WEB_BASE}/`) : next(),
  );
}
