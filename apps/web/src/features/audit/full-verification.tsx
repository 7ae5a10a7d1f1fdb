import { ErrorBanner } from '../../ui/forms';
import {
  FullVerification as Progress,
  useCancelFullVerification,
  useFullVerification,
  useStartFullVerification,
} from './api';

/** 残り時間 as a person reads it: 約2分30秒, 約40秒. */
export function remainingInWords(seconds: number): string {
  if (seconds < 60) return `約${Math.max(1, seconds)}秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes >= 60) return `約${Math.floor(minutes / 60)}時間${minutes % 60}分`;
  return `約${minutes}分${seconds % 60 ? `${seconds % 60}秒` : ''}`;
}

const BREAKS: Record<NonNullable<Progress['firstBreak']>['kind'], string> = {
  removed: 'イベントが削除されています（版の番号が飛んでいます）',
  reordered: 'イベントの順序が入れ替わっています',
  unhashed: 'イベントにハッシュがありません',
  unchained: '直前のイベントとハッシュがつながっていません（削除・差替え・入替えの可能性）',
  altered: 'イベントの内容がハッシュと一致しません（内容が書き換えられています）',
};

/** Where the chain breaks, in words an auditor reads: the stream, its 版, and what is wrong there. */
export function breakInWords(b: NonNullable<Progress['firstBreak']>): string {
  return `${b.streamId} の第${b.revision + 1}版（位置 ${b.position}）：${BREAKS[b.kind] ?? b.reason}`;
}

function outcome(p: Progress): string {
  switch (p.state) {
    case 'done':
      return p.ok
        ? `全件の再検証が終わりました。改ざんは見つかりませんでした（${p.checked}件のイベントを検証）。`
        : `全件の再検証で改ざんの可能性が見つかりました：${p.firstBreak ? breakInWords(p.firstBreak) : ''}`;
    case 'cancelled':
      return `全件の再検証を中止しました（${p.checked}件まで検証、その範囲に改ざんはありませんでした）。`;
    case 'failed':
      return `全件の再検証を完了できませんでした：${p.error ?? '原因不明'}。もう一度開始してください。`;
    default:
      return '';
  }
}

/**
 * 全件の再検証: the quick check looks only at what came since the last checkpoint; this walks every
 * event again, in the background on the server, with 件数 and 残り時間 while it runs and a way to stop it.
 */
export function FullVerificationPanel() {
  const progress = useFullVerification();
  const start = useStartFullVerification();
  const cancel = useCancelFullVerification();
  const p = progress.data;
  const running = p?.state === 'running';
  return (
    <div className="full-verification">
      <h3>全件の再検証</h3>
      <p>
        前回の検証より前のイベントも含めて、すべてを検証し直します。サーバーで実行されるので、この画面を離れても続きます。
      </p>
      {!running && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => start.mutate()}
          disabled={start.isPending || !p}
        >
          全件を再検証
        </button>
      )}
      {running && (
        <>
          <label htmlFor="full-verification-progress">再検証の進み具合</label>
          <progress id="full-verification-progress" value={p.checked} max={p.estimatedTotal ?? undefined}>
            {p.checked}件
          </progress>
          <p className="full-verification-figures">
            {p.checked}件を検証済み
            {p.estimatedTotal ? `（全体で約${p.estimatedTotal}件）` : ''}
            {p.remainingSeconds !== undefined ? `・残り${remainingInWords(p.remainingSeconds)}` : '・残り時間を計算中'}
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
          >
            中止
          </button>
        </>
      )}
      <ErrorBanner error={progress.error ?? start.error ?? cancel.error} onRetry={() => void progress.refetch()} />
      <div role="status" className="verify-result">
        {p && outcome(p)}
      </div>
    </div>
  );
}
