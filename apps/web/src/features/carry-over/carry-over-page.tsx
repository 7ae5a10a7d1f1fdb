import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { fiscalYearLabel } from '../../lib/wareki';
import { ErrorBanner, fieldErrors, retryOnNetwork } from '../../ui/forms';
import { CarryCandidate, useCarry, useCarryOver, useMarkContinuing } from './api';

const REASON_LABEL: Record<CarryCandidate['reasons'][number], string> = {
  'lower-level': '達成度が下位',
  continuing: '継続に指定',
};
const OUTCOME_LABEL: Record<CarryCandidate['mapping'][number]['outcome'], string> = {
  same: '',
  renamed: '名称変更',
  merged: '統合',
  split: '分割',
  abolished: '廃止',
};

/**
 * 「次年度へ引き継ぐ」 on next year's sheet: the closed year's goals rated in the lower levels or marked
 * 継続, each with where its sections go on 4月1日; a split or abolished section is chosen here. The 部長
 * sees every goal, a 課長 their sections'. Carried goals link to the draft they became.
 */
export default function CarryOverPage() {
  const { sheetId = '' } = useParams();
  const carryOver = useCarryOver(sheetId);
  const carry = useCarry(sheetId);
  const mark = useMarkContinuing();
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const [chosen, setChosen] = useState<Record<string, string>>({});
  if (carryOver.isPending) return <p className="loading">読み込み中…</p>;
  if (carryOver.isError) return <ErrorBanner error={carryOver.error} onRetry={() => void carryOver.refetch()} />;
  const data = carryOver.data;
  const heading = `次年度への引継ぎ（${data.from ? `${fiscalYearLabel(data.from.fiscalYear)} → ` : ''}${fiscalYearLabel(data.fiscalYear)}）`;
  if (!data.from)
    return (
      <>
        <h1>{heading}</h1>
        <p>前年度の整理表がないため、引き継ぐ目標はありません。</p>
      </>
    );
  const candidates = data.goals.filter((g) => g.candidate);
  const others = data.goals.filter((g) => !g.candidate);
  const picks = candidates.filter((g) => picked[g.goalId] && !g.carried);
  const errors = fieldErrors(carry.error);
  const send = () =>
    carry.mutate(
      {
        revision: data.revision,
        goals: picks.map((g) => ({
          goalId: g.goalId,
          ...(chosen[g.goalId] ? { sections: [chosen[g.goalId]] } : {}),
        })),
      },
      { onSuccess: () => setPicked({}) },
    );
  const toggleMark = (g: CarryCandidate) =>
    mark.mutate({ goalId: g.goalId, continuing: !g.continuing, revision: data.revision });
  return (
    <>
      <h1>{heading}</h1>
      <p className="meta">
        <Link to={`/sheets/${data.from.sheetId}`}>{fiscalYearLabel(data.from.fiscalYear)}の整理表</Link>・
        <Link to={`/sheets/${sheetId}`}>{fiscalYearLabel(data.fiscalYear)}の整理表</Link>
      </p>
      {!data.from.closed && (
        <p className="banner banner-warning" role="status">
          {fiscalYearLabel(data.from.fiscalYear)}の年度はまだ締められていません。年度を締めてから引き継げます。
        </p>
      )}
      <ErrorBanner error={carry.error} onRetry={retryOnNetwork(carry)} />
      <ErrorBanner error={mark.error} onRetry={retryOnNetwork(mark)} />
      {carry.data && (
        <p className="banner banner-info" role="status">
          {carry.data.carried.length}件を{fiscalYearLabel(data.fiscalYear)}の下書きとして引き継ぎました（
          {carry.data.carried.map((c) => `番号${c.number}`).join('、')}）。
        </p>
      )}
      <section className="card" aria-labelledby="candidates-heading">
        <h2 id="candidates-heading">引継ぎの候補（達成できなかった・一部達成した目標と、継続に指定した目標）</h2>
        {candidates.length === 0 ? (
          <p>引継ぎの候補はありません。</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">引き継ぐ</th>
                <th scope="col">番号</th>
                <th scope="col">実施項目</th>
                <th scope="col">達成度</th>
                <th scope="col">候補の理由</th>
                <th scope="col">課（{fiscalYearLabel(data.fiscalYear)}4月1日）</th>
                <th scope="col">引継ぎ先</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((g) => (
                <tr key={g.goalId}>
                  <td>
                    {!g.carried && (
                      <input
                        type="checkbox"
                        aria-label={`${g.citation}「${g.title}」を引き継ぐ`}
                        checked={Boolean(picked[g.goalId])}
                        onChange={(e) => setPicked({ ...picked, [g.goalId]: e.target.checked })}
                      />
                    )}
                  </td>
                  <td className="nowrap">{g.citation}</td>
                  <td>{g.title}</td>
                  <td>{g.level ?? '—'}</td>
                  <td>{g.reasons.map((r) => REASON_LABEL[r]).join('・')}</td>
                  <td>
                    <SectionMapping
                      goal={g}
                      value={chosen[g.goalId] ?? ''}
                      onChange={(sectionId) => setChosen({ ...chosen, [g.goalId]: sectionId })}
                      error={errors[`goals[${picks.indexOf(g)}].sections`]}
                    />
                  </td>
                  <td>
                    {g.carried ? (
                      <Link to={`/goals/${g.carried.goalId}`}>
                        {g.carried.citation ?? fiscalYearLabel(data.fiscalYear)}（下書き）
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={picks.length === 0 || carry.isPending || !data.from.closed}
          onClick={send}
        >
          選んだ目標を引き継ぐ（{picks.length}件）
        </button>
      </section>
      {others.length > 0 && (
        <section className="card" aria-labelledby="others-heading">
          <h2 id="others-heading">候補でない目標（継続に指定すると引き継げます）</h2>
          <ul className="progress-lines">
            {others.map((g) => (
              <li key={g.goalId}>
                {g.citation} {g.title}（{g.level ?? '達成度なし'}）{' '}
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={mark.isPending}
                  onClick={() => toggleMark(g)}
                >
                  継続に指定：{g.citation}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {candidates.some((g) => g.continuing && !g.carried) && (
        <p>
          継続の指定を外す：
          {candidates
            .filter((g) => g.continuing && !g.carried)
            .map((g) => (
              <button
                key={g.goalId}
                type="button"
                className="button button-secondary"
                disabled={mark.isPending}
                onClick={() => toggleMark(g)}
              >
                {g.citation}
              </button>
            ))}
        </p>
      )}
    </>
  );
}

/** Where the goal's sections go: 市民課 → 市民課; a split or abolished one asks which section takes it. */
function SectionMapping(props: {
  goal: CarryCandidate;
  value: string;
  onChange: (sectionId: string) => void;
  error?: string;
}) {
  const { goal } = props;
  if (goal.mapping.length === 0) return <>共通</>;
  return (
    <ul className="plain-list">
      {goal.mapping.map((m) => {
        const asked = m.outcome === 'split' || m.outcome === 'abolished';
        const id = `sections-${goal.goalId}-${m.from.sectionId}`;
        return (
          <li key={m.from.sectionId}>
            {m.from.name} → {OUTCOME_LABEL[m.outcome] && <span className="note">{OUTCOME_LABEL[m.outcome]}：</span>}
            {asked ? (
              <>
                <select
                  id={id}
                  aria-label={`${goal.citation}の引継ぎ先の課（${m.from.name}は${OUTCOME_LABEL[m.outcome]}）`}
                  value={props.value}
                  disabled={Boolean(goal.carried)}
                  aria-invalid={props.error ? true : undefined}
                  aria-describedby={props.error ? `${id}-error` : undefined}
                  onChange={(e) => props.onChange(e.target.value)}
                >
                  <option value="">課を選んでください</option>
                  {m.choices.map((c) => (
                    <option key={c.sectionId} value={c.sectionId}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {props.error && (
                  <p id={`${id}-error`} className="field-error">
                    {props.error}
                  </p>
                )}
              </>
            ) : (
              m.to?.name
            )}
          </li>
        );
      })}
    </ul>
  );
}
