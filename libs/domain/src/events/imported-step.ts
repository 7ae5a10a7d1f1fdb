/**
 * A step taken from a file, not by a person in the service: an imported sheet's events are decided
 * as the paper sheet's posts decided them, and written by whoever imported the file. What an auditor
 * is shown is that the step comes from the file (取込み): its name, its SHA-256, the line, who imported
 * it and when, never the importer as if they had drafted, approved or rated the goal themselves.
 */
export interface ImportedStep {
  /** The file's name as the importer's browser or client gave it, when it did. */
  fileName?: string;
  /** Hex SHA-256 of the file's bytes as received. */
  sha256?: string;
  /** The line (row) of the file the goal came from. */
  line?: number;
  importedBy?: { userId: string; role: string; name?: string };
  importedAt?: string;
}

/** The import a recorded event came from, read from its metadata; undefined for a step a person took. */
export function importedStepOf(metadata: Record<string, unknown> | undefined): ImportedStep | undefined {
  if (!metadata || metadata.source !== 'sheet-import') return undefined;
  const file = (metadata.importedFile ?? {}) as { name?: unknown; sha256?: unknown };
  const actor = metadata.actor as ImportedStep['importedBy'] | undefined;
  return {
    ...(typeof file.name === 'string' ? { fileName: file.name } : {}),
    ...(typeof file.sha256 === 'string' ? { sha256: file.sha256 } : {}),
    ...(typeof metadata.importedFromLine === 'number' ? { line: metadata.importedFromLine } : {}),
    ...(actor && typeof actor.userId === 'string' ? { importedBy: actor } : {}),
    ...(typeof metadata.occurredAt === 'string' ? { importedAt: metadata.occurredAt } : {}),
  };
}
