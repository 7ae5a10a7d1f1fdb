import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { ProblemView } from './organisation.views';

/** What every administration route of the directory shares: under /admin, for administrators only. */
export function DirectoryAdminController(badRequest = 'A field at fault, named with the reason; nothing written') {
  return applyDecorators(
    ApiTags('organisation'),
    ApiBearerAuth(),
    ApiBadRequestResponse({ type: ProblemView, description: badRequest }),
    ApiForbiddenResponse({ type: ProblemView, description: 'Not an administrator' }),
    Controller('admin'),
  );
}
