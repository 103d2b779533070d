import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OcopErrorFilter } from './common/error.filter';
import { ocopValidationPipe } from './common/validation.pipe';

/** Everything main.ts applies to the app, shared with the end-to-end tests so they test the same thing. */
export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(ocopValidationPipe());
  app.useGlobalFilters(new OcopErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OCOP Flow API')
      .setDescription('Chu trình OCOP (Mỗi xã một sản phẩm) — the OCOP cycle as durable workflows. Errors carry a stable `code` and a message in Vietnamese and English.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
