/**
 * Where a start's time goes: each phase marks its end, in ms since the process began
 * (performance.now()), and main.ts logs the whole line once it listens, e.g.
 *   ready in 3,120 ms: modules 1,480 · preflight 95 · Redis 1,010 · event store 12 · Nest init 420 · listen 103
 * A phase's time is from the mark before it, so phases that overlap are counted once.
 * bench:scale reads the line to say which phase grows with the store.
 */
const marks: { phase: string; at: number }[] = [];

export function markStartup(phase: string): void {
  marks.push({ phase, at: performance.now() });
}

export function startupTimeline(): { phases: { phase: string; ms: number }[]; totalMs: number; line: string } {
  const phases = marks.map((m, i) => ({ phase: m.phase, ms: Math.round(m.at - (i === 0 ? 0 : marks[i - 1].at)) }));
  const totalMs = Math.round(marks.at(-1)?.at ?? 0);
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    phases,
    totalMs,
    line: `ready in ${n(totalMs)} ms: ${phases.map((p) => `${p.phase} ${n(p.ms)}`).join(' · ')}`,
  };
}
