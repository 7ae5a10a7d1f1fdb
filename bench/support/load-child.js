/**
 * The load generator, in its own process so that it does not share the server's event loop:
 * receives one autocannon plan over IPC, runs it, answers with the figures.
 * Plans: { kind: 'get', path } or { kind: 'goal-walk', submits, approves, lag, tokens } —
 * the goal walk submits goal i, and approves goal i once `lag` later submits have been sent,
 * so every request is a legal transition (a goal is never approved before its submit was answered,
 * as long as lag exceeds the connections in flight).
 */
const autocannon = require('autocannon');

function goalWalk(plan) {
  const { goalIds, lag, tokens } = plan;
  let submitted = 0;
  let approved = 0;
  let turn = 0;
  const submit = () => ({
    method: 'POST',
    path: `/api/v1/goals/${goalIds[submitted++]}/submit`,
    headers: { authorization: `Bearer ${tokens.submit}`, 'content-type': 'application/json', 'if-match': '"0"' },
    body: '{}',
  });
  const approve = () => ({
    method: 'POST',
    path: `/api/v1/goals/${goalIds[approved++]}/approve`,
    headers: { authorization: `Bearer ${tokens.approve}`, 'content-type': 'application/json', 'if-match': '"1"' },
    body: '{"comment":"了承"}',
  });
  return {
    setupRequest(request) {
      const canSubmit = submitted < goalIds.length;
      const canApprove = approved < submitted - lag || (!canSubmit && approved < submitted);
      let next;
      if (canSubmit && (!canApprove || turn++ % 2 === 0)) next = submit();
      else if (canApprove) next = approve();
      else next = { method: 'GET', path: '/ran-out-of-goals', headers: {} };
      return Object.assign(request, next);
    },
    counts: () => ({ submitted, approved }),
  };
}

process.on('message', async (plan) => {
  let walk;
  const requests =
    plan.kind === 'goal-walk'
      ? [{ setupRequest: (walk = goalWalk(plan)).setupRequest }]
      : [{ method: 'GET', path: plan.path, headers: plan.headers ?? {} }];
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.duration,
    ...(plan.amount ? { amount: plan.amount } : {}),
    ...(plan.overallRate ? { overallRate: plan.overallRate } : {}),
    requests,
  });
  process.send({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ...(walk ? walk.counts() : {}),
  });
});
