import type { KeptDraft } from '../lib/drafts';
import { formatWarekiDateTime } from '../lib/wareki';

/** 「保存されていない入力があります。復元しますか」: the text kept in the browser, offered back. */
export function RestoreOffer({ kept }: { kept: KeptDraft<unknown> }) {
  if (!kept.offered) return null;
  return (
    <div className="banner banner-warning" role="status">
      <p>保存されていない入力があります。復元しますか。</p>
      <p className="meta small">{formatWarekiDateTime(kept.offered.keptAt)}に入力した内容です。</p>
      <div className="actions">
        <button type="button" className="button button-primary button-small" onClick={kept.restore}>
          復元する
        </button>
        <button type="button" className="button button-secondary button-small" onClick={kept.discard}>
          破棄する
        </button>
      </div>
    </div>
  );
}
