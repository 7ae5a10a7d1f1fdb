import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { formatWareki } from '../../../lib/wareki';
import { ErrorBanner } from '../../../ui/forms';
import { usePeople } from '../admin-data';
import { Done, ScrollBox } from '../ui';
import { DECISION_LABEL, GrantDelegationForm } from './grant-delegation-form';

/** 代決: the delegations in force today or later, entering one for a head, and ending one early. */
export function DelegationsPage() {
  const queryClient = useQueryClient();
  const delegations = useQuery({
    queryKey: ['delegations'],
    queryFn: async () => (await ok(api.GET('/api/v1/delegations')))!,
  });
  const people = usePeople();
  const nameOf = (loginId: string) => people.data?.find((p) => p.loginId === loginId)?.name ?? loginId;
  const [confirming, setConfirming] = useState<string>();
  const [done, setDone] = useState<string>();
  const revoke = useMutation({
    mutationFn: (delegationId: string) =>
      ok(api.POST('/api/v1/delegations/{delegationId}/revoke', { params: { path: { delegationId } }, body: {} })),
    onSuccess: (_, delegationId) => {
      const d = delegations.data?.items.find((x) => x.delegationId === delegationId);
      setConfirming(undefined);
      setDone(d ? `${d.department}の${nameOf(d.delegate)}さんへの代決を取り消しました。` : '代決を取り消しました。');
      void queryClient.invalidateQueries({ queryKey: ['delegations'] });
    },
  });
  const items = delegations.data?.items ?? [];
  return (
    <>
      <h2>代決</h2>
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
                <th scope="col">部</th>
                <th scope="col">部長</th>
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
                  <th scope="row">{d.department}</th>
                  <td>{nameOf(d.delegatedBy)}</td>
                  <td>{nameOf(d.delegate)}</td>
                  <td>
                    {formatWareki(d.from)}〜{formatWareki(d.lastDay ?? d.until)}
                  </td>
                  <td>
                    {(d.decisions ?? Object.keys(DECISION_LABEL))
                      .map((x) => DECISION_LABEL[x as keyof typeof DECISION_LABEL] ?? x)
                      .join('・')}
                  </td>
                  <td>{d.reason ?? ''}</td>
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
      <GrantDelegationForm />
    </>
  );
}
