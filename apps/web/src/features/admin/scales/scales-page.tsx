import { useEffect, useId, useState } from 'react';
import { useAchievementScale } from '../../../api/queries';
import { fiscalYearChoices, fiscalYearLabel, fiscalYearOfDate, todayInTokyo } from '../../../lib/wareki';
import { Done } from '../../../ui/fields';
import { FormShell } from '../../../ui/form-shell';
import { ErrorBanner, fieldErrors, TextAreaField } from '../../../ui/forms';
import { useSetAchievementScale, type AchievementScaleView } from '../api';

const MAX_LEVELS = 7;
const LABEL_LENGTH = 30;
const CUSTOM = 'custom';

interface Draft {
  levels: string[];
  achievedLevels: number;
  notAssessable: string | null;
}

const draftOf = (s: Pick<AchievementScaleView, 'levels' | 'achievedLevels' | 'notAssessable'>): Draft => ({
  levels: [...s.levels],
  achievedLevels: s.achievedLevels,
  notAssessable: s.notAssessable,
});

/**
 * 達成度の区分: the levels a fiscal year's goals are rated on, as the city writes them. An administrator
 * starts from a published scale or writes the city's own, orders them, says how many of the best count
 * as achieved and whether 評価不能 may be given. Once a goal of the year is rated the scale is locked.
 */
export function ScalesPage() {
  const thisYear = fiscalYearOfDate(todayInTokyo());
  const [fiscalYear, setFiscalYear] = useState(thisYear);
  const scale = useAchievementScale(fiscalYear);
  const yearId = useId();
  return (
    <>
      <h2>達成度の区分</h2>
      <p className="meta">
        年度ごとに、目標の達成状況をどの区分で評価するかを決めます。目標に達成度が付けられた年度の区分は変更できません。
      </p>
      <div className="field">
        <label htmlFor={yearId}>年度</label>
        <select id={yearId} value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))}>
          {fiscalYearChoices([thisYear - 5], thisYear).map((y) => (
            <option key={y} value={y}>
              {fiscalYearLabel(y)}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner error={scale.error} onRetry={() => void scale.refetch()} />
      {scale.isPending && <p className="loading">読み込み中…</p>}
      {scale.data && <ScaleOfYear key={`${fiscalYear}-${scale.data.revision}`} scale={scale.data} />}
    </>
  );
}

function ScaleOfYear({ scale }: { scale: AchievementScaleView }) {
  const label = scale.fiscalYearLabel;
  return (
    <>
      <section className="card" aria-labelledby="scale-now">
        <h3 id="scale-now">{label}の区分</h3>
        <p>
          {scale.set ? '管理者が設定した区分です。' : '既定の区分です（まだ設定されていません）。'}
          {scale.locked && (
            <strong>
              {' '}
              {scale.ratedGoals.toLocaleString('ja-JP')}件の目標に達成度が付けられているため、変更できません。
            </strong>
          )}
          {scale.locked && ' 付けられた達成度は、付けたときの区分の名前のまま残ります。'}
        </p>
        <ScaleTable scale={scale} caption={`${label}の達成度の区分`} />
      </section>
      {!scale.locked && <ScaleForm scale={scale} />}
    </>
  );
}

/** The levels best first, and how the 達成率 counts each. */
function ScaleTable({ scale, caption }: { scale: Draft; caption: string }) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">順位</th>
          <th scope="col">区分</th>
          <th scope="col">達成率での扱い</th>
        </tr>
      </thead>
      <tbody>
        {scale.levels.map((level, i) => (
          <tr key={i}>
            <td className="num">{i + 1}</td>
            <th scope="row">{level}</th>
            <td>{i < scale.achievedLevels ? '達成' : '未達成'}</td>
          </tr>
        ))}
        {scale.notAssessable && (
          <tr>
            <td />
            <th scope="row">{scale.notAssessable}</th>
            <td>数えない（評価不能）</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function ScaleForm({ scale }: { scale: AchievementScaleView }) {
  const [preset, setPreset] = useState<string>(scale.preset ?? CUSTOM);
  const [draft, setDraft] = useState<Draft>(draftOf(scale));
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const write = useSetAchievementScale(scale.fiscalYear, (answer) =>
    setDone(`${answer.fiscalYearLabel}の達成度の区分を「${answer.selectable.join('・')}」にしました。`),
  );
  const errors = fieldErrors(write.error);
  const ids = useId();
  useEffect(() => setDone(undefined), [draft]);
  const pick = (id: string) => {
    setPreset(id);
    const found = scale.presets.find((p) => p.id === id);
    if (found) setDraft(draftOf(found.scale));
  };
  const edit = (change: (d: Draft) => Draft) => {
    setPreset(CUSTOM);
    setDraft((d) => change({ ...d, levels: [...d.levels] }));
  };
  const move = (i: number, by: -1 | 1) =>
    edit((d) => {
      [d.levels[i], d.levels[i + by]] = [d.levels[i + by], d.levels[i]];
      return d;
    });
  const n = draft.levels.length;
  return (
    <FormShell
      title="区分を変更"
      level={3}
      error={write.error}
      busy={write.isPending}
      submit="この区分にする"
      notice={<Done text={done} />}
      onSubmit={() =>
        write.mutate({
          levels: draft.levels.map((l) => l.trim()),
          achievedLevels: draft.achievedLevels,
          ...(draft.notAssessable !== null ? { notAssessable: draft.notAssessable.trim() } : {}),
          reason,
          ...(scale.revision !== null ? { expectedRevision: scale.revision } : {}),
        })
      }
    >
      <fieldset className="field checkboxes scale-presets">
        <legend>ひな形（公表されている例）</legend>
        {[...scale.presets.map((p) => ({ id: p.id, name: p.name })), { id: CUSTOM, name: '独自の区分' }].map((p) => (
          <label key={p.id}>
            <input type="radio" name={`${ids}-preset`} checked={preset === p.id} onChange={() => pick(p.id)} /> {p.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="field checkboxes">
        <legend>区分（よい順）</legend>
        {errors.levels && <p className="field-error">{errors.levels}</p>}
        <ol className="scale-levels">
          {draft.levels.map((level, i) => (
            <li key={i}>
              <label htmlFor={`${ids}-level-${i}`}>{i + 1}番目の区分</label>
              <input
                id={`${ids}-level-${i}`}
                value={level}
                maxLength={LABEL_LENGTH}
                aria-invalid={Boolean(errors[`levels[${i}]`])}
                onChange={(e) => edit((d) => ((d.levels[i] = e.target.value), d))}
              />
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`${i + 1}番目の区分を上へ`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                上へ
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`${i + 1}番目の区分を下へ`}
                disabled={i === n - 1}
                onClick={() => move(i, 1)}
              >
                下へ
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`${i + 1}番目の区分を削除`}
                disabled={n <= 2}
                onClick={() =>
                  edit((d) => ({
                    ...d,
                    levels: d.levels.filter((_, j) => j !== i),
                    achievedLevels: Math.min(d.achievedLevels, n - 2),
                  }))
                }
              >
                削除
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={n >= MAX_LEVELS}
          onClick={() => edit((d) => ({ ...d, levels: [...d.levels, ''] }))}
        >
          区分を追加
        </button>
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-achieved`}>達成とみなす区分</label>
        <select
          id={`${ids}-achieved`}
          value={draft.achievedLevels}
          aria-describedby={errors.achievedLevels ? `${ids}-achieved-error` : undefined}
          onChange={(e) => edit((d) => ({ ...d, achievedLevels: Number(e.target.value) }))}
        >
          {draft.levels.slice(0, -1).map((_, i) => (
            <option key={i} value={i + 1}>
              上位{i + 1}段階（{draft.levels.slice(0, i + 1).join('・') || '未入力'}）
            </option>
          ))}
        </select>
        {errors.achievedLevels && (
          <p className="field-error" id={`${ids}-achieved-error`}>
            {errors.achievedLevels}
          </p>
        )}
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.notAssessable !== null}
            onChange={(e) => edit((d) => ({ ...d, notAssessable: e.target.checked ? '評価不能' : null }))}
          />{' '}
          評価不能の区分を使う（達成率に数えない）
        </label>
        {draft.notAssessable !== null && (
          <>
            <label htmlFor={`${ids}-na`}>評価不能の区分の名前</label>
            <input
              id={`${ids}-na`}
              value={draft.notAssessable}
              maxLength={LABEL_LENGTH}
              aria-invalid={Boolean(errors.notAssessable)}
              onChange={(e) => edit((d) => ({ ...d, notAssessable: e.target.value }))}
            />
            {errors.notAssessable && <p className="field-error">{errors.notAssessable}</p>}
          </>
        )}
      </div>
      <h4>変更後の区分</h4>
      <ScaleTable scale={draft} caption="変更後の達成度の区分" />
      <TextAreaField label="理由" value={reason} onChange={setReason} error={errors.reason} required maxLength={1000} />
    </FormShell>
  );
}
