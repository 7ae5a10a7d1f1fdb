import type { AuditEntry } from '../api/views';
import { formatWarekiDateTime } from '../lib/wareki';
import { EVENT_LABEL, FIELD_LABEL, fieldText, personLabel, ROLE_LABEL } from './labels';

/** Who, in which post, when, what changed field by field, and why: one list item per event. */
export function Timeline({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>履歴はまだありません。</p>;
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.position}>
          <p className="timeline-head">
            <strong>{EVENT_LABEL[e.type] ?? e.type}</strong>
            {e.imported ? (
              <span className="imported">取込み</span>
            ) : (
              <span>
                {e.actor ? actorLabel(e.actor) : ''}
                {/* 代決: only a department head delegates, so "for whom" is the head of the sheet's department. */}
                {e.onBehalfOf ? '（代決：部長に代わって）' : ''}
              </span>
            )}
            <time dateTime={e.occurredAt}>{formatWarekiDateTime(e.occurredAt)}</time>
          </p>
          {e.imported && <p>{importedText(e)}</p>}
          {e.reason && <p>理由：{e.reason}</p>}
          {e.comment && <p>コメント：{e.comment}</p>}
          {e.changes && e.changes.length > 0 && (
            <ul className="changes">
              {e.changes.map((c) => (
                <li key={c.field}>
                  {FIELD_LABEL[c.field as keyof typeof FIELD_LABEL] ?? c.field}：
                  <del>{fieldText(c.field, c.before, '（なし）')}</del> →{' '}
                  <ins>{fieldText(c.field, c.after, '（なし）')}</ins>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * 取込み: the step was taken from a file, not in the service: which file (name and SHA-256), which line,
 * and who imported it when. The importer is never shown as having taken the step.
 */
export function importedText(entry: AuditEntry): string {
  const i = entry.imported;
  if (!i) return '';
  const file = `${i.fileName ? `ファイル「${i.fileName}」` : 'ファイル'}（SHA-256: ${i.sha256 ?? '不明'}）`;
  const line = i.line ? `の${i.line}行目` : '';
  const by = i.importedBy ? actorLabel(i.importedBy) : '（不明）';
  return `${file}${line}から取込み。取り込んだ人：${by}、${formatWarekiDateTime(i.importedAt ?? entry.occurredAt)}`;
}

/** Who acted, with the post they held that day (once, when the directory names a person by their post). */
export function actorLabel(actor: NonNullable<AuditEntry['actor']>): string {
  const post =
    (typeof actor.post === 'string' ? actor.post : actor.post?.title) ?? ROLE_LABEL[actor.role] ?? actor.role;
  return personLabel(actor.name ?? actor.userId, post);
}

/** The latest 実施項目 of each goal as the trail has it, to name the goal an event is about. */
export function titlesIn(entries: AuditEntry[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const e of entries) {
    const title = e.changes?.find((c) => c.field === 'title')?.after;
    if (e.goalId && typeof title === 'string') titles.set(e.goalId, title);
  }
  return titles;
}

/** One event in a line: 令和4年4月1日 09:30 沢柳和彦（市民生活部長） 承認「実施項目」. */
export function eventSummary(entry: AuditEntry, titles: Map<string, string>): string {
  const title = entry.goalId ? titles.get(entry.goalId) : undefined;
  return [
    formatWarekiDateTime(entry.occurredAt),
    entry.imported
      ? `取込み（${entry.imported.fileName ?? 'ファイル'}${entry.imported.line ? `、${entry.imported.line}行目` : ''}）`
      : entry.actor
        ? `${actorLabel(entry.actor)}${entry.onBehalfOf ? '（代決）' : ''}`
        : '',
    `${EVENT_LABEL[entry.type] ?? entry.type}${title ? `「${title}」` : ''}`,
  ]
    .filter(Boolean)
    .join(' ');
}
