/**
 * A delegation in force for the actor on the day of the command (the caller finds it with
 * delegationInForce): whose decisions the actor may take, and for which department.
 */
export interface ActingFor {
  /** The department's name, as its delegation stream is kept. */
  department: string;
  /** The same department by id, as goals refer to it. */
  departmentId: string;
  /** Login id of the department head who delegated. */
  onBehalfOf: string;
  delegationId: string;
}
