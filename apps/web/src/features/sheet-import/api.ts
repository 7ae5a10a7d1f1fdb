/**
 * 整理表の取込み: the file's bytes to the api's import route, as Excel saved them, with its name: every
 * imported step keeps it beside the file's SHA-256, so the history says which file it came from (取込み).
 */
import { api, ok } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { useWrite } from '../../api/write';
import { contentTypeOf, type TableFile } from '../../lib/table-file';

export function useImportSheet() {
  return useWrite({
    send: async ({ file, department }: { file: TableFile; department?: string }, key) =>
      (await ok(
        api.POST('/api/v1/sheets/import', {
          params: { query: { ...(department ? { department } : {}), fileName: file.name } },
          body: file.bytes as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': contentTypeOf(file), 'Idempotency-Key': key },
        }),
      ))!,
    invalidates: [queryKeys.sheets(), queryKeys.departments(), queryKeys.people()],
  });
}
