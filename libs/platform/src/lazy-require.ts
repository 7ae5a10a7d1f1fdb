/**
 * A package loaded on its first use instead of at start-up. For the few the service needs only for
 * some requests — exceljs (XLSX import and export), pdfkit (公表 PDF), nodemailer (an SMTP channel), jszip (公表 zip folders) —
 * which together took about a third of the time Node spends loading the api's modules before it
 * can listen (bench:scale's start-up line, "modules").
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => (loaded ??= require(id) as T);
}
