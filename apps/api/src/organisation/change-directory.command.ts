import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorizeDirectoryAdmin, OrganisationCommand, OrganisationEvent, OrganisationState } from '@goals/domain';
import { CommandContext } from '../shared/command-context';
import { DecisionCheck, OrganisationDirectory } from './organisation-directory.service';

export interface DirectoryChanged {
  revision: bigint;
  events: OrganisationEvent[];
  /** A retry of a request already written: `before` is the state it was planned on. */
  replayed: boolean;
  before: OrganisationState;
}

/**
 * Every change an administrator makes to the directory is the same write — authorise, decide the
 * commands in full on the directory stream, append once — so one command and one handler serve the
 * administration routes and 機構改革 alike; a new route needs a controller and its request DTO.
 */
export class ChangeDirectoryCommand extends Command<DirectoryChanged> {
  constructor(
    readonly plan: OrganisationCommand[] | ((scratch: OrganisationState) => OrganisationCommand[]),
    readonly ctx: CommandContext,
    readonly check?: DecisionCheck,
  ) {
    super();
  }
}

@CommandHandler(ChangeDirectoryCommand)
export class ChangeDirectoryHandler implements ICommandHandler<ChangeDirectoryCommand> {
  constructor(private readonly directory: OrganisationDirectory) {}

  execute({ plan, ctx, check }: ChangeDirectoryCommand): Promise<DirectoryChanged> {
    authorizeDirectoryAdmin(ctx.actor);
    return this.directory.execute(plan, ctx, check);
  }
}
