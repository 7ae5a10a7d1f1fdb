import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idFor } from '../../shared/event-envelope';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { CreatedView } from '../organisation.views';
import { RegisterPersonRequest } from './register-person.request.dto';

@DirectoryAdminController()
export class RegisterPersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post('people')
  @ApiOperation({ summary: 'Admin: registers a person (氏名, login id, e-mail, 職員番号)' })
  @ApiCreatedResponse({ type: CreatedView })
  async registerPerson(@Body() body: RegisterPersonRequest, @WriteContext() ctx: CommandContext): Promise<CreatedView> {
    const personId = idFor(ctx, 'person');
    const { name, loginId, email, employeeNumber } = body;
    // An administrator is warned of a namesake (409 same-name-exists) until they confirm it.
    const sameNameConfirmed = body.sameNameConfirmed ?? false;
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand(
        [{ type: 'RegisterPerson', data: { personId, name, loginId, email, employeeNumber, sameNameConfirmed } }],
        ctx,
      ),
    );
    return { id: personId, revision: Number(revision) };
  }
}
