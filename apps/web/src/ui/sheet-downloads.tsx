/** The sheet as files, in the fixture's layout: plain links the browser follows with the session cookie. */
export function SheetDownloads({ sheetId, className = 'downloads' }: { sheetId: string; className?: string }) {
  return (
    <p className={className}>
      ダウンロード：
      {(['tsv', 'csv', 'xlsx'] as const).map((format) => (
        <a key={format} href={`/api/v1/sheets/${sheetId}/export?format=${format}`} download>
          {format.toUpperCase()}
        </a>
      ))}
    </p>
  );
}
