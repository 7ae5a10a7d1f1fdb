import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { lastDayInForce, NotAllowed } from '@goals/domain';
import { DelegationWorkflow, DepartmentRef } from '../delegation-workflow.service';
import { DelegationListView, DelegationView } from '../delegation.views';
import { ListDelegationsQuery } from './list-delegations.query';

/**
 * Delegations in force today or later. Read from the departments' delegation streams (by id, and the
 * streams by name of releases before ids), which hold a few events a year each: no read model is
 * worth its rebuild here.
 */
@QueryHandler(ListDelegationsQuery)
export class ListDelegationsHandler implements IQueryHandler<ListDelegationsQuery> {
  constructor(private readonly delegations: DelegationWorkflow) {}

  async execute({ actor, department }: ListDelegationsQuery): Promise<DelegationListView> {
    // A department asked for by name: any name it has gone by, the old one after a rename included.
    const chosen = () =>
      department ? this.delegations.departmentsEverNamed(department) : this.delegations.departments();
    let departments: DepartmentRef[];
    // Anyone else sees only the delegations naming them as delegate: what they may decide, for whom, until when.
    let onlyMine = false;
    const own = actor.role === 'departmentHead' ? actor.post?.departmentId : undefined;
    if (actor.role === 'admin') departments = await chosen();
    else if (
      own &&
      (!department || (await this.delegations.departmentsEverNamed(department)).some((d) => d.departmentId === own))
    )
      departments = [this.delegations.ownDepartment(actor, 'GrantDelegation')];
    else if (actor.role !== 'departmentHead' && actor.role !== 'auditor') {
      departments = await chosen();
      onlyMine = true;
    } else
      throw new NotAllowed(
        'department-head-delegates',
        'only a department head (their own), administrators and the delegates themselves see delegations',
        '代決の一覧を見られるのは、その部の部長、管理者、代決者ご本人です',
      );
    const today = this.delegations.today();
    const loaded = await Promise.all(
      departments.map(async ({ departmentId }) => ({ departmentId, ...(await this.delegations.load(departmentId)) })),
    );
    const items: DelegationView[] = loaded
      .flatMap(({ departmentId, state }) => state.delegations.map((d) => ({ ...d, departmentId })))
      .filter((d) => !onlyMine || d.delegate === actor.userId)
      .flatMap((d) => {
        const lastDay = lastDayInForce(d);
        if (lastDay === undefined || lastDay < today) return [];
        return [{ ...d, lastDay, inForce: d.from <= today }];
      })
      .sort((a, b) => a.from.localeCompare(b.from) || a.department.localeCompare(b.department));
    return { today, items };
  }
}
