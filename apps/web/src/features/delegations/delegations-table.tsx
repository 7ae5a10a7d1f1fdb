import { useState } from 'react';
import { useDelegations } from '../../api/queries';
import { formatWareki } from '../../lib/wareki';
import { decisionsText } from '../../ui/decisions';
import { Done, ScrollBox } from '../../ui/fields';
import { ErrorBanner } from '../../ui/forms';
import { useRevokeDelegation } from './api';

/**
 * 実施中・予定の代決, each with 取消し behind a confirmation. The administrator's list names the 部 and
 * its 部長 too; the head's is their own department's only.
 */
export function DelegationsTable(props: { nameOf: (loginId: string) => string; withDepartment?: boolean }) {
  const { nameOf, withDepartment } = props;
  const delegations = useDelegations();
  const [confirming, setConfirming] = useState<string>();
  const [done, setDone] = useState<string>();
  const revoke = useRevokeDelegation((delegationId) => {
    const d = delegations.data?.items.find((x) => x.delegationId === delegationId);
    const of = d && withDepartment ? `${d.department}の` : '';
    setConfirming(undefined);
    setDone(d ? `${of}${nameOf(d.delegate)}さんへの代決を取り消しました。` : '代決を取り消しました。');
  });
  const items = delegations.data?.items ?? [];
  return (
    <>
      <ErrorBanner error={delegations.error ?? revoke.error} onRetry={() => void delegations.refetch()} />
      <Done text={done} />
      {delegations.isPending && <p className="loading">読み込み中…</p>}
      {delegations.isSuccess && items.length === 0 && <p>実施中・予定の代決はありません。</p>}
      {items.length > 0 && (
        <ScrollBox label="代決の一覧">
          <table className="table">
            <caption>実施中・予定の代決</caption>
            <thead>
              <tr>
                {withDepartment && <th scope="col">部</th>}
                {withDepartment && <th scope="col">部長</th>}
                <th scope="col">代決者</th>
                <th scope="col">期間</th>
                <th scope="col">代決する決定</th>
                <th scope="col">理由</th>
                <th scope="col">状態</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.delegationId}>
                  {withDepartment && <th scope="row">{d.department}</th>}
                  {withDepartment && <td>{nameOf(d.delegatedBy)}</td>}
                  {withDepartment ? <td>{nameOf(d.delegate)}</td> : <th scope="row">{nameOf(d.delegate)}</th>}
                  <td>
                    {formatWareki(d.from)}〜{formatWareki(d.lastDay ?? d.until)}
                  </td>
                  <td>{decisionsText(d.decisions)}</td>
                  <td className="pre-wrap">{d.reason ?? ''}</td>
                  <td>{d.inForce ? '実施中' : '予定'}</td>
                  <td>
                    {confirming === d.delegationId ? (
                      <div className="actions" role="group" aria-label="取消しの確認">
                        <button
                          type="button"
                          className="button button-primary button-small"
                          autoFocus
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(d.delegationId)}
                        >
                          取り消す
                        </button>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => setConfirming(undefined)}
                        >
                          やめる
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`${nameOf(d.delegate)}さんへの代決を取消し`}
                        onClick={() => {
                          setDone(undefined);
                          setConfirming(d.delegationId);
                        }}
                      >
                        取消し
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
