import { Injectable } from '@nestjs/common';
import { assertYearOpen, foldYear, YEAR_EVENTS, yearStreamId } from '@goals/domain';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';
import { EventStreams } from '../shared/event-streams';
import { ClosedYear } from '../sheets/closed-year.port';

/**
 * 年度の締め: a closed sheet refuses every change to its goals and its numbering, with the reason
 * people read. Writers of goals and sheets ask here before they decide; the year's own commands
 * check it in their decider.
 */
@Injectable()
export class YearGuard implements ClosedYear {
  constructor(
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async assertOpen(sheet: { sheetId: string; departmentId: string; fiscalYear: number }): Promise<void> {
    const stream = await this.streams.load(yearStreamId(sheet.sheetId));
    if (stream.events.length === 0) return;
    const state = foldYear(YEAR_EVENTS.read(stream.events));
    if (!state.closed) return;
    const department = (await this.organisation.naming()).department(sheet.departmentId, sheet.fiscalYear);
    assertYearOpen(state, { department, fiscalYear: sheet.fiscalYear });
  }
}
