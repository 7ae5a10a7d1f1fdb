/**
 * 「まもなくログインの有効期限が切れます」: a browser session ends after a spell without requests (the
 * idle limit) or some hours after sign-in. A minute before, the person is warned and can extend it
 * (any request starts the idle time again; 延長する reads /me). Once it has ended, they are told so
 * and what they typed stays in the browser (lib/drafts.ts) for after they sign in again.
 */
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { lastRequestTime } from '../api/client';

const WARN_BEFORE_MS = 60_000;

export function SessionWarning(props: {
  idleSeconds: number | undefined;
  endsInSeconds: number | undefined;
  /** When /me answered with endsInSeconds. */
  answeredAt: number;
  onExtend: () => void;
}) {
  const location = useLocation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (props.idleSeconds === undefined) return; // a bearer token: no browser session to end
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [props.idleSeconds]);
  if (props.idleSeconds === undefined) return null;
  const idleEnd = lastRequestTime() + props.idleSeconds * 1000;
  const absoluteEnd = props.endsInSeconds === undefined ? Infinity : props.answeredAt + props.endsInSeconds * 1000;
  const end = Math.min(idleEnd, absoluteEnd);
  const left = end - now;
  if (left > WARN_BEFORE_MS) return null;
  const returnTo = encodeURIComponent(location.pathname + location.search);
  if (left <= 0)
    return (
      <div className="banner banner-error session-warning" role="alert">
        <p>ログインの有効期限が切れました。入力中の内容はこのブラウザに残っています。もう一度ログインしてください。</p>
        <a className="button button-primary button-small" href={`/login?returnTo=${returnTo}`}>
          ログイン
        </a>
      </div>
    );
  const extendable = idleEnd <= absoluteEnd - WARN_BEFORE_MS;
  return (
    <div className="banner banner-warning session-warning" role="alert">
      <p>
        まもなくログインの有効期限が切れます。
        {extendable ? '続けて使う場合は延長してください。' : '保存してから、もう一度ログインしてください。'}
      </p>
      {extendable && (
        <button type="button" className="button button-primary button-small" onClick={props.onExtend}>
          延長する
        </button>
      )}
    </div>
  );
}
