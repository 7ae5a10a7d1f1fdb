import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldError, Problem } from './http/api-docs';

/**
 * The OpenAPI document of the app's routes: served at /docs, written by `npm run openapi`, and the
 * source of the web application's typed client. Each route documents its own answers (http/api-docs.ts).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('組織目標展開整理表 API')
      .setDescription("Goal sheets of a municipality's departments: draft, submit, approve, record achievement, audit.")
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [Problem, FieldError] },
  );
}
