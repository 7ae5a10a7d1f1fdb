import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { lastDayInForce, NotAllowed } from '@goals/domain';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { DelegationWorkflow } from '../delegation-workflow.service';
import { DelegationListView, DelegationView } from '../delegation.views';
import { ListDelegationsQuery } from './list-delegations.query';

/**
 * Delegations in force today or later. Read from the departments' delegation streams, which hold a
 * few events a year each: no read model is worth its rebuild here.
 */
@QueryHandler(ListDelegationsQuery)
export class ListDelegationsHandler implements IQueryHandler<ListDelegationsQuery> {
  constructor(
    private readonly delegations: DelegationWorkflow,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ actor, department }: ListDelegationsQuery): Promise<DelegationListView> {
    const everyDepartment = () => this.departmentNames();
    let departments: string[];
    // Anyone else sees only the delegations naming them as delegate: what they may decide, for whom, until when.
    let onlyMine = false;
    if (actor.role === 'admin') departments = department ? [department] : await everyDepartment();
    else if (actor.role === 'departmentHead' && actor.department && (!department || department === actor.department))
      departments = [actor.department];
    else if (actor.role !== 'departmentHead' && actor.role !== 'auditor') {
      departments = department ? [department] : await everyDepartment();
      onlyMine = true;
    } else
      throw new NotAllowed(
        'department-head-delegates',
        'only a department head (their own), administrators and the delegates themselves see delegations',
      );
    const today = this.delegations.today();
    const states = await Promise.all(departments.map((d) => this.delegations.load(d)));
    const items: DelegationView[] = states
      .flatMap(({ state }) => state.delegations)
      .filter((d) => !onlyMine || d.delegate === actor.userId)
      .flatMap((d) => {
        const lastDay = lastDayInForce(d);
        if (lastDay === undefined || lastDay < today) return [];
        return [{ ...d, lastDay, inForce: d.from <= today }];
      })
      .sort((a, b) => a.from.localeCompare(b.from) || a.department.localeCompare(b.department));
    return { today, items };
  }

  /**
   * Every name a department of the organisation has gone by: a delegation's stream is named after
   * the department as it was named when the head granted it, and a department renamed since, or one
   * established by an administrator or an imported sheet, has delegations too.
   */
  private async departmentNames(): Promise<string[]> {
    const state = await this.organisation.current();
    return [...new Set([...state.departments.values()].flatMap((d) => d.names.map((n) => n.name)))];
  }
}
