import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, authorizeDirectoryAdmin, postTitle } from '@goals/domain';
import { CurrentActor } from '../../shared/current-actor';
import { DirectoryAdminController } from '../directory-admin.controller';
import { OrganisationDirectory } from '../organisation-directory.service';
import { PeopleView } from '../organisation.views';

@DirectoryAdminController()
export class ListPeopleController {
  constructor(private readonly directory: OrganisationDirectory) {}

  @Get('people')
  @ApiOperation({ summary: 'Admin: everyone registered, with every post they held, hold or will hold' })
  @ApiOkResponse({ type: PeopleView })
  async people(@CurrentActor() actor: Actor): Promise<PeopleView> {
    authorizeDirectoryAdmin(actor);
    const state = await this.directory.current();
    const posts = [...state.posts.values()];
    return {
      people: [...state.people.values()].map((p) => ({
        ...p,
        posts: posts
          .filter((post) => post.personId === p.personId)
          .map(({ personId: _, ...post }) => ({ ...post, title: postTitle(state, post as never, post.from) })),
      })),
    };
  }
}
