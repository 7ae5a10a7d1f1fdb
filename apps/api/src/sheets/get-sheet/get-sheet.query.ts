import { Actor } from '@goals/domain';

/** `asOf` (an instant) or `atPosition` (an event position) show the sheet as it stood then. */
export class GetSheetQuery {
  constructor(
    readonly sheetId: string,
    readonly actor: Actor,
    readonly asOf?: string,
    readonly atPosition?: bigint,
  ) {}
}
