import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSheets, useSheetTrail } from '../../api/queries';
import { TextField } from '../../ui/fields';
import { ErrorBanner, Field } from '../../ui/forms';
import { SheetDownloads } from '../../ui/sheet-downloads';
import { SheetSelect } from '../../ui/sheet-select';
import { eventSummary, Timeline, titlesIn } from '../../ui/timeline';
import { useVerifyChains } from './api';
import { breakInWords, FullVerificationPanel } from './full-verification';

/** 監査: a sheet's whole history, the sheet as it stood at a date or an event, the hash chains checked, downloads. */
export default function AuditPage() {
  const navigate = useNavigate();
  const sheets = useSheets();
  const list = [...(sheets.data?.items ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const [chosen, setChosen] = useState('');
  const sheetId = chosen || list[0]?.sheetId || '';
  const [date, setDate] = useState('');
  const [position, setPosition] = useState('');
  const trail = useSheetTrail(sheetId);
  const events = trail.data?.items ?? [];
  const titles = titlesIn(events);
  const verify = useVerifyChains();
  return (
    <>
      <h1>監査</h1>
      <section className="card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">改ざん検証</h2>
        <p>
          すべてのイベントのハッシュの連鎖を検証します。前回の検証から後のイベントを確かめ、それより前は前回の結果を引き継ぎます（初回はすべてを確かめます）。
        </p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => verify.mutate()}
          disabled={verify.isPending}
        >
          改ざん検証
        </button>
        <ErrorBanner error={verify.error} onRetry={() => verify.mutate()} />
        <div role="status" className="verify-result">
          {verify.data &&
            (verify.data.ok
              ? `改ざんは見つかりませんでした（${verify.data.checked}件のイベントを検証）。`
              : `改ざんの可能性があります：${verify.data.firstBreak ? breakInWords(verify.data.firstBreak) : ''}`)}
        </div>
        <FullVerificationPanel />
        <p>
          <a href="/api/v1/audit/events" download="events.ndjson">
            イベントログをダウンロード（NDJSON）
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="sheet-heading">
        <h2 id="sheet-heading">整理表の履歴</h2>
        <ErrorBanner error={sheets.error} onRetry={() => void sheets.refetch()} />
        <div className="inline-fields">
          <SheetSelect
            sheets={list}
            value={sheetId}
            onChange={(id) => {
              setChosen(id);
              setPosition('');
            }}
          />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              // The end of the chosen day in Asia/Tokyo.
              if (date) void navigate(`/sheets/${sheetId}?asOf=${encodeURIComponent(`${date}T23:59:59+09:00`)}`);
            }}
          >
            <TextField label="この日の時点の整理表を表示" type="date" value={date} onChange={setDate} />
            <button type="submit" className="button button-secondary" disabled={!sheetId || !date}>
              表示
            </button>
          </form>
          <form
            className="event-picker"
            onSubmit={(e) => {
              e.preventDefault();
              if (position) void navigate(`/sheets/${sheetId}?atPosition=${encodeURIComponent(position)}`);
            }}
          >
            <Field label="このイベントの時点の整理表を表示">
              {({ id }) => (
                <select id={id} value={position} onChange={(e) => setPosition(e.target.value)}>
                  <option value="">イベントを選択してください</option>
                  {events.map((e) => (
                    <option key={e.position} value={e.position}>
                      {eventSummary(e, titles)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className="button button-secondary" disabled={!sheetId || !position}>
              表示
            </button>
          </form>
        </div>
        {sheetId && <SheetDownloads sheetId={sheetId} />}
        <ErrorBanner error={trail.error} onRetry={() => void trail.refetch()} />
        {trail.data && (
          <>
            <p>
              {trail.data.total}件のイベント
              {trail.data.total > events.length ? `（最初の${events.length}件を表示）` : ''}
            </p>
            <Timeline entries={trail.data.items} />
          </>
        )}
      </section>
    </>
  );
}
