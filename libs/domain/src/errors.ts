/**
 * The domain's refusals, as types. The HTTP layer maps each kind to a status once, in one filter:
 * InvalidInput → 400, NotAllowed → 403, NotFound → 404, IllegalTransition/StaleRevision → 409.
 */

export interface FieldError {
  field: string;
  reason: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: 'InvalidInput' | 'NotAllowed' | 'NotFound' | 'IllegalTransition' | 'StaleRevision';
}

export class InvalidInput extends DomainError {
  readonly kind = 'InvalidInput' as const;
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.reason}`).join('; '));
  }
  static of(field: string, reason: string): InvalidInput {
    return new InvalidInput([{ field, reason }]);
  }
}

/** A rule of who-may-do-what refused the command; `rule` names it so the user can see why. */
export class NotAllowed extends DomainError {
  readonly kind = 'NotAllowed' as const;
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  readonly kind = 'NotFound' as const;
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`${what} ${id} does not exist`);
  }
}

/** The command does not fit the current state; `state` is named so the user knows where things stand. */
export class IllegalTransition extends DomainError {
  readonly kind = 'IllegalTransition' as const;
  constructor(
    readonly command: string,
    readonly state: string,
    message?: string,
  ) {
    super(message ?? `${command} is not possible while the goal is ${state}`);
  }
}

/** The caller's view is older than the stream: someone else changed it meanwhile. */
export class StaleRevision extends DomainError {
  readonly kind = 'StaleRevision' as const;
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`revision ${expected} is stale: the current revision is ${actual}`);
  }
}
