import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { Problems } from '../../http/api-docs';

class MeDepartment {
  @ApiPropertyOptional() id?: string;
  @ApiProperty() name!: string;
}

export class MeView {
  @ApiProperty() loginId!: string;
  @ApiPropertyOptional() personId?: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['sectionHead', 'departmentHead', 'auditor', 'admin'] }) role!: string;
  @ApiPropertyOptional({ type: MeDepartment }) department?: MeDepartment;
  @ApiProperty({ type: [String] }) sections!: string[];
  @ApiProperty({ type: [String] }) posts!: string[];
  /** Sent back as x-csrf-token on cookie-authenticated writes; empty for bearer tokens, which need none. */
  @ApiProperty() csrfToken!: string;
  @ApiProperty({ type: [String], description: 'the 計画・方針等の分類 a goal may take' }) categories!: string[];
  @ApiProperty({ type: [String], description: 'the 達成状況 scale' }) achievementScale!: string[];
}

/**
 * Who is signed in, for the web application. The sign-in work (browser sessions) owns this answer's
 * csrfToken; until then a bearer token is the only credential and needs no CSRF token.
 */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class GetMeController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'Who is signed in: name, role, department, sections' })
  @ApiOkResponse({ type: MeView, description: 'Who is signed in' })
  @Problems(401, 403, 429, 503)
  me(@CurrentActor() actor: Actor): MeView {
    const { directory } = this.config;
    const user = directory.users.find((u) => u.id === actor.userId);
    const department = directory.departments.find((d) => d.name === actor.department);
    const posts =
      actor.role === 'departmentHead' && department
        ? [department.headTitle]
        : actor.sections.map((s) => `${s}長`);
    return {
      loginId: actor.userId,
      name: user?.name ?? actor.userId,
      role: actor.role,
      department: actor.department ? { name: actor.department } : undefined,
      sections: actor.sections,
      posts,
      csrfToken: '',
      categories: directory.categories,
      achievementScale: directory.achievementScale,
    };
  }
}
