import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, InvalidInput, isCivilDate, NotAllowed, postDepartmentOn, postsOn, postTitle } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { DelegationWorkflow } from '../delegation-workflow.service';
import { ProblemView } from '../delegation.views';

export class DelegateCandidateView {
  @ApiProperty({ example: 'kacho-shimin' }) loginId!: string;
  @ApiProperty({ example: '山田花子' }) name!: string;
  @ApiProperty({ type: [String], example: ['市民課長'], description: 'the posts held that day, as titled then' })
  titles!: string[];
  @ApiProperty({ description: 'holds a post in the asking head’s own department that day' })
  ownDepartment!: boolean;
}

export class DelegateCandidatesView {
  @ApiProperty({ description: 'the day the posts are held, YYYY-MM-DD' }) on!: string;
  @ApiProperty({ type: [DelegateCandidateView], description: 'own department first, then the rest in order' })
  candidates!: DelegateCandidateView[];
}

/**
 * Whom a 部長 may name as 代決者: the people administration lists in full is for administrators, so a
 * head gets names and post titles only, of those holding a post that day who may decide (not 監査 nor
 * 管理者), themselves left out.
 */
@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class ListDelegatesController {
  constructor(
    private readonly directory: OrganisationDirectory,
    private readonly delegations: DelegationWorkflow,
  ) {}

  @Get('candidates')
  @ApiOperation({
    summary: 'Department head (or administrator): who may be named 代決者 on a day — name and posts held, no more',
  })
  @ApiQuery({ name: 'on', required: false, description: 'YYYY-MM-DD; today when left out' })
  @ApiOkResponse({ type: DelegateCandidatesView })
  @ApiBadRequestResponse({ type: ProblemView, description: 'on is not a date' })
  @ApiForbiddenResponse({ type: ProblemView, description: 'not a department head nor an administrator' })
  async candidates(@CurrentActor() actor: Actor, @Query('on') on?: string): Promise<DelegateCandidatesView> {
    if (actor.role !== 'admin' && !(actor.role === 'departmentHead' && actor.department))
      throw new NotAllowed(
        'department-head-delegates',
        'only a department head names a delegate',
        '代決者の候補を見られるのは部長と管理者です',
      );
    const day = on === undefined || on === '' ? this.delegations.today() : on;
    if (!isCivilDate(day)) throw InvalidInput.of('on', 'must be a date, YYYY-MM-DD');
    const state = await this.directory.current();
    const own = actor.post?.departmentId;
    const candidates = [...state.people.values()].flatMap((person): DelegateCandidateView[] => {
      const posts = postsOn(state, person.personId, day);
      if (person.loginId === actor.userId || posts.length === 0) return [];
      if (posts.some((p) => p.kind === 'auditor' || p.kind === 'admin' || p.kind === 'planning')) return [];
      return [
        {
          loginId: person.loginId,
          name: person.name,
          titles: posts.map((p) => postTitle(state, p, day)),
          ownDepartment: own !== undefined && posts.some((p) => postDepartmentOn(state, p, day) === own),
        },
      ];
    });
    return { on: day, candidates: candidates.sort((a, b) => Number(b.ownDepartment) - Number(a.ownDepartment)) };
  }
}
