/** 系譜: where a section's work came from and where it went, with its names and departments over the years. */
import { useState } from 'react';
import { useLineage } from '../api';
import { fiscalYearLabel, formatWareki } from '../../../lib/wareki';
import { ErrorBanner, Field } from '../../../ui/forms';
import type { SectionFormProps } from './form-parts';

const CHANGE_LABEL = { merged: '統合', split: '分割' } as const;

export function SectionLineagePanel({ section, fiscalYear, onCancel }: SectionFormProps) {
  const [year, setYear] = useState(fiscalYear + 1);
  const lineage = useLineage(section.sectionId, year);
  const l = lineage.data;
  return (
    <div className="panel lineage">
      <h4 id="section-action-heading" tabIndex={-1}>
        {section.name}の系譜
      </h4>
      <ErrorBanner error={lineage.error} onRetry={() => void lineage.refetch()} />
      {l && (
        <dl className="lineage-facts">
          <div>
            <dt>設置</dt>
            <dd>
              {formatWareki(l.establishedFrom)}
              {l.abolishedFrom && `（${formatWareki(l.abolishedFrom)}からなし）`}
            </dd>
          </div>
          <div>
            <dt>名称</dt>
            <dd>{l.names.map((n) => `${n.name}（${formatWareki(n.from)}から）`).join(' → ')}</dd>
          </div>
          <div>
            <dt>所属部</dt>
            <dd>{l.departments.map((d) => `${d.name}（${formatWareki(d.from)}から）`).join(' → ')}</dd>
          </div>
          <div>
            <dt>前身</dt>
            <dd>
              {l.predecessors.length === 0
                ? 'なし'
                : l.predecessors
                    .map((p) => `${p.name}（${formatWareki(p.effectiveFrom)} ${CHANGE_LABEL[p.change]}）`)
                    .join('、')}
            </dd>
          </div>
          <div>
            <dt>後継</dt>
            <dd>
              {l.successors.length === 0
                ? 'なし'
                : l.successors
                    .map(
                      (p) =>
                        `${p.department ? `${p.department} ` : ''}${p.name}（${formatWareki(p.effectiveFrom)} ${CHANGE_LABEL[p.change]}` +
                        `${p.reason ? `、${p.reason}` : ''}）`,
                    )
                    .join('、')}
            </dd>
          </div>
        </dl>
      )}
      <div className="toolbar">
        <Field label="年度">
          {({ id }) => (
            <select id={id} value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[fiscalYear - 1, fiscalYear, fiscalYear + 1, fiscalYear + 2].map((y) => (
                <option key={y} value={y}>
                  {fiscalYearLabel(y)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {l?.carriedIn && (
          <p role="status">
            {fiscalYearLabel(l.carriedIn.fiscalYear)}にこの課の仕事を担う課：
            <strong>{l.carriedIn.sections.map((s) => s.name).join('、') || 'なし（廃止）'}</strong>
          </p>
        )}
      </div>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          閉じる
        </button>
      </div>
    </div>
  );
}
