import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor, CurrentSession } from '../auth.guard';
import { Session } from '../session.store';

export class PostView {
  @ApiProperty({ enum: ['sectionHead', 'departmentHead', 'auditor', 'admin'] }) role!: string;
  @ApiPropertyOptional({ description: 'the department the post belongs to' }) department?: string;
  @ApiPropertyOptional({ description: 'the section, for a section head' }) section?: string;
  @ApiPropertyOptional({ description: '職名, where the directory has one' }) title?: string;
}

export class DepartmentRef {
  @ApiPropertyOptional() id?: string;
  @ApiProperty() name!: string;
}

export class MeResponse {
  @ApiProperty({ description: 'the id the person signs in with' }) loginId!: string;
  @ApiPropertyOptional({ description: 'the person in the directory, where it has ids of its own' }) personId?: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['sectionHead', 'departmentHead', 'auditor', 'admin'] }) role!: string;
  @ApiPropertyOptional({ type: DepartmentRef }) department?: DepartmentRef;
  @ApiProperty({ type: [String], description: 'sections headed today' }) sections!: string[];
  @ApiProperty({ type: [PostView], description: 'posts held today' }) posts!: PostView[];
  @ApiPropertyOptional({
    description: 'send as header x-csrf-token on every write made with the session cookie; absent for bearer tokens',
  })
  csrfToken?: string;
}

/** What the directory may add to an Actor (the organisation's people have ids, names and dated posts). */
type RicherActor = Actor & { personId?: string; name?: string; posts?: PostView[]; departmentId?: string };

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'Who is signed in, the posts they hold today, and the CSRF token of a browser session' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: RicherActor, @CurrentSession() session?: Session): MeResponse {
    const posts: PostView[] =
      actor.posts ??
      (actor.role === 'sectionHead'
        ? actor.sections.map((section) => ({ role: actor.role, department: actor.department, section }))
        : [{ role: actor.role, ...(actor.department ? { department: actor.department } : {}) }]);
    return {
      loginId: actor.userId,
      ...(actor.personId ? { personId: actor.personId } : {}),
      name: actor.name ?? actor.userId,
      role: actor.role,
      ...(actor.department ? { department: { ...(actor.departmentId ? { id: actor.departmentId } : {}), name: actor.department } } : {}),
      sections: actor.sections,
      posts,
      ...(session ? { csrfToken: session.csrfToken } : {}),
    };
  }
}
