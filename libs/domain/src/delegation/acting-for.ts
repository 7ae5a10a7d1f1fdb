/**
 * A delegation in force for the actor on the day of the command (the caller finds it with
 * delegationInForce): whose decisions the actor may take, and for which department.
 */
export interface ActingFor {
  /** The department's name today, for people to read. */
  department: string;
  /** The same department by id, as goals and its delegation stream refer to it. */
  departmentId: string;
  /** Login id of the department head who delegated. */
  onBehalfOf: string;
  delegationId: string;
}
