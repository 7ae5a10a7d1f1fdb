import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../shared/command-context';

/** A sheet file as it arrived: the bytes decide its format and encoding, the content type is a hint. */
export interface SheetFileUpload {
  bytes: Buffer;
  contentType: string;
  /** As the client named it (?fileName=), for the audit trail's 取込み. */
  fileName?: string;
}

export class ImportSheetCommand extends Command<ImportSheetResult> {
  constructor(
    readonly file: SheetFileUpload,
    /** The department whose sheet it is, when the importer names it (?department=); else read from 職名. */
    readonly department: string | undefined,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

export interface ImportSheetResult {
  sheetId: string;
  goalIds: string[];
  format: 'tsv' | 'csv' | 'xlsx';
  encoding?: string;
  /** What the import registered in the directory, for a department it did not know yet. */
  registered?: {
    department: string;
    sections: string[];
    head: { title: string; name: string };
    effectiveFrom: string;
  };
}
