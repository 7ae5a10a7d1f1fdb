import { Injectable } from '@nestjs/common';
import {
  decidePlan,
  foldPlan,
  LoadPlan,
  PLAN_EVENTS,
  PLAN_STREAM,
  planForYear,
  PlanInYear,
  PlanState,
} from '@goals/domain';
import { CommandContext } from '../shared/command-context';
import { EventStreams } from '../shared/event-streams';

/**
 * The city's 総合計画 (`comprehensive-plan`): its versions folded from the stream, the version of a
 * fiscal year for the goals' rules and 全庁の状況, and loading a version through the one write path.
 * One small stream for the whole city, read where it is needed (a plan is a few hundred lines).
 */
@Injectable()
export class PlanWorkflow {
  constructor(private readonly streams: EventStreams) {}

  async state(): Promise<PlanState> {
    return foldPlan(PLAN_EVENTS.read((await this.streams.load(PLAN_STREAM)).events));
  }

  async forYear(fiscalYear: number): Promise<PlanInYear | undefined> {
    return planForYear(await this.state(), fiscalYear);
  }

  /** What a goal's rules need: the 施策 its fiscal year may name (none when no plan is loaded). */
  async measureRules(fiscalYear: number): Promise<{ measures: { fiscalYear: number; plan?: PlanInYear } }> {
    const plan = await this.forYear(fiscalYear);
    return { measures: { fiscalYear, ...(plan ? { plan } : {}) } };
  }

  async load(data: LoadPlan['data'], ctx: CommandContext): Promise<{ revision: bigint | undefined; loaded: boolean }> {
    const { revision, events } = await this.streams.decide(
      PLAN_STREAM,
      {
        fold: (stream) => foldPlan(PLAN_EVENTS.read(stream.events)),
        decide: (state) => decidePlan({ type: 'LoadPlan', data, by: ctx.actor }, state),
      },
      ctx,
    );
    return { revision, loaded: events.length > 0 };
  }
}
