/**
 * The web client's types are generated from the service's OpenAPI document. When a request or a
 * response changes, this fails until `npm run web:api` regenerates them, and then the web
 * application's type check (part of npm test) fails wherever the app no longer fits.
 */
import { readFileSync } from 'node:fs';
import { WEB_API_SCHEMA, webApiSchema } from '../../apps/api/src/cli/web-api-schema';

it('apps/web/src/api/schema.d.ts matches the OpenAPI document (run npm run web:api when it does not)', async () => {
  const committed = readFileSync(WEB_API_SCHEMA, 'utf8');
  expect(await webApiSchema()).toBe(committed);
}, 60_000);
