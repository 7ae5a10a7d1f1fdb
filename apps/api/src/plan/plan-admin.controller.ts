import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PLAN_LOADED_SCHEMA } from './plan.views';

/** The plan's administration routes: under /admin, for administrators only (the domain refuses others). */
export function PlanAdminController() {
  return applyDecorators(ApiTags('plan'), ApiBearerAuth(), Controller('admin'));
}

export const planLoaded = { contentType: 'application/json', schema: PLAN_LOADED_SCHEMA };
