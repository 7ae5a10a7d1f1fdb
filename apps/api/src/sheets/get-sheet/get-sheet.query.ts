import { Actor } from '@goals/domain';

/** `asOf` (an instant) or `atPosition` (an event position) show the sheet as it stood then. */
export class GetSheetQuery {
  constructor(
    readonly sheetId: string,
    readonly actor: Actor,
    readonly asOf?: string,
    readonly atPosition?: bigint,
    /** 承認済のみ: print leaves out goals the 部長 has not approved. */
    readonly approvedOnly = false,
  ) {}
}
