/**
 * Publication of a 60-goal sheet to PDF: the 令和4年度 市民生活部 sheet's 22 goals repeated to 60,
 * rendered in the paper layout with the embedded Japanese font; time (median of runs) and size.
 *   npm run bench:publication
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { canonicalPublicationText, PublishedSheet } from '@goals/domain';
import { fixtureRows } from '../test/support/fixture-sheet';
import { publicationPdf } from '../apps/api/src/publications/render/publication.pdf';
import { resolvePublicationFont } from '../apps/api/src/publications/render/publication-font';
import { sha256Hex } from '../apps/api/src/publications/publication-workflow.service';

export function sixtyGoalPublication(): PublishedSheet {
  const rows = [...fixtureRows().values()];
  return {
    publicationId: 'bench',
    sheetId: '00000000-0000-4000-8000-000000000060',
    departmentId: 'dep-bench',
    department: '市民生活部',
    fiscalYear: 2022,
    kind: 'result',
    version: 1,
    position: '123456',
    publishedAt: '2023-04-10T01:00:00.000Z',
    createdOn: '2022-04-01',
    headTitle: '市民生活部長',
    headName: '沢柳和彦',
    goals: Array.from({ length: 60 }, (_, i) => {
      const g = rows[i % rows.length];
      return {
        number: i + 1,
        title: g.title,
        category: g.category,
        targetLevel: g.targetLevel,
        method: g.method,
        deadlineMonth: g.deadlineMonth,
        sections: g.sections,
        achievement: g.achievement || null,
      };
    }),
  };
}

async function main() {
  const fontFile = resolvePublicationFont(process.env.PUBLICATION_FONT);
  if (!fontFile) throw new Error('no Japanese font: install fonts-morisawa-bizud-gothic');
  const publication = sixtyGoalPublication();
  const times: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let run = 0; run < 7; run++) {
    const started = process.hrtime.bigint();
    const contentHash = sha256Hex(canonicalPublicationText(publication));
    pdf = await publicationPdf(publication, { fontFile, contentHash, verifyUrl: 'https://city.example/public/verify' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const out = join(tmpdir(), 'publication-bench.pdf');
  writeFileSync(out, pdf);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        goals: publication.goals.length,
        font: fontFile,
        firstRunMs: Math.round(times[0]),
        medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]),
        bytes: pdf.length,
        kib: Math.round(pdf.length / 1024),
        file: out,
      },
      null,
      2,
    ),
  );
}

if (require.main === module) void main();
