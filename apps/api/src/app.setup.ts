import { INestApplication } from '@nestjs/common';
import compression from 'compression';
import { constants as zlib } from 'node:zlib';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from './auth/auth.service';
import { OcopErrorFilter } from './common/error.filter';
import { ocopValidationPipe } from './common/validation.pipe';
import { serveWebApp } from './web-app';

/** Everything main.ts applies to the app, shared with the end-to-end tests so they test the same thing. */
export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(ocopValidationPipe());
  app.useGlobalFilters(new OcopErrorFilter());
  app.enableShutdownHooks();
  // Brotli (else gzip) for every response worth it — the web app's scripts and the API's JSON on a provincial 3G
  // phone. Quality 5: most of brotli's gain at a fraction of its top setting's CPU.
  app.use(compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } } }));
  serveWebApp(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OCOP Flow API')
      .setDescription(
        'Chu trình OCOP (Mỗi xã một sản phẩm) — the OCOP cycle as durable workflows. Log in with `POST /auth/login` and send ' +
          '`Authorization: Bearer <token>`, or an agency API key as `X-Api-Key`. Every operation states who may call it (**Access**). ' +
          'Errors carry a stable `code` and a message in Vietnamese and English. Every POST accepts an `Idempotency-Key`.',
      )
      .setVersion('0.2.0')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, stateAccessRules(document), { jsonDocumentUrl: 'docs/openapi.json' });
}

/** Writes each operation's role rule (from @Access / @Public) into its description, where readers look. */
function stateAccessRules(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const access = (operation as { 'x-ocop-access'?: { rule: string } })['x-ocop-access'];
      if (!access || typeof operation !== 'object') continue;
      const op = operation as { description?: string };
      op.description = `${op.description ? `${op.description}\n\n` : ''}**Access:** ${access.rule}.`;
    }
  }
  return document;
}
