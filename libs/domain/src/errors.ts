import { COMMAND_JA, COMMON_REASON_JA, STATE_JA, THING_JA } from './messages.ja';

/**
 * The domain's refusals, as types. The HTTP layer maps each kind to a status once, in one filter:
 * InvalidInput → 400, NotAllowed → 403, NotFound → 404, IllegalTransition/StaleRevision → 409.
 */

export interface FieldError {
  /** Machine-readable: the request's field (the web shows the reason beside it). */
  field: string;
  reason: string;
  /** The reason in Japanese, a sentence a clerk reads as it is: 「実施項目を入力してください」. */
  ja?: string;
}

/**
 * `message` is English (logs, `Accept-Language: en`); `ja` is what a person reads by default. A
 * refusal without `ja` is answered in English, and the messages test names it.
 */
export abstract class DomainError extends Error {
  abstract readonly kind:
    'InvalidInput' | 'NotAllowed' | 'NotFound' | 'IllegalTransition' | 'StaleRevision' | 'SameNameExists';
  abstract readonly ja?: string;
}

export class InvalidInput extends DomainError {
  readonly kind = 'InvalidInput' as const;
  readonly ja: string | undefined;
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.reason}`).join('; '));
    this.ja = errors.every((e) => e.ja) ? errors.map((e) => e.ja).join('\n') : undefined;
  }
  /** `ja` may be left out for a reason of COMMON_REASON_JA ('must be a UUID', …): it is said there once. */
  static of(field: string, reason: string, ja?: string): InvalidInput {
    const japanese = ja ?? COMMON_REASON_JA[reason]?.(field);
    return new InvalidInput([{ field, reason, ...(japanese ? { ja: japanese } : {}) }]);
  }
}

/** A rule of who-may-do-what refused the command; `rule` names it so the user can see why. */
export class NotAllowed extends DomainError {
  readonly kind = 'NotAllowed' as const;
  constructor(
    readonly rule: string,
    message: string,
    readonly ja?: string,
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  readonly kind = 'NotFound' as const;
  readonly ja: string;
  constructor(
    readonly what: string,
    readonly id: string,
    ja?: string,
  ) {
    super(`${what} ${id} does not exist`);
    this.ja = ja ?? `${THING_JA[what] ?? what}が見つかりません（${id}）`;
  }
}

/** The command does not fit the current state; `state` is named so the user knows where things stand. */
export class IllegalTransition extends DomainError {
  readonly kind = 'IllegalTransition' as const;
  readonly ja: string;
  constructor(
    readonly command: string,
    readonly state: string,
    message?: string,
    ja?: string,
  ) {
    super(message ?? `${command} is not possible while the goal is ${state}`);
    // 「提出中の目標は削除できません」: the state and the step as the screens name them.
    this.ja = ja ?? `${STATE_JA[state] ?? state}の目標は${COMMAND_JA[command] ?? command}できません`;
  }
}

/** The caller's view is older than the stream: someone else changed it meanwhile. */
export class StaleRevision extends DomainError {
  readonly kind = 'StaleRevision' as const;
  readonly ja: string;
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`revision ${expected} is stale: the current revision is ${actual}`);
    this.ja =
      `ほかの人が先に変更しました（開いていた版は${expected}、今の版は${actual === 'none' ? 'まだありません' : actual}）。` +
      '読み込み直して、内容を確かめてからもう一度操作してください';
  }
}

/** A person already registered under a name (a duplicate, or a namesake), as the warning lists them. */
export interface SameNamePerson {
  personId: string;
  name: string;
  staffNumber: string | null;
  loginId: string;
}

/**
 * Registering a name the organisation already has: most often the same person registered twice. The
 * administrator sees who exists and confirms (`sameNameConfirmed`) when it is really someone else.
 */
export class SameNameExists extends DomainError {
  readonly kind = 'SameNameExists' as const;
  readonly ja: string;
  constructor(
    readonly personName: string,
    readonly existing: SameNamePerson[],
  ) {
    super(
      `${personName} is already registered (${existing.map((p) => p.loginId).join(', ')}); send sameNameConfirmed: true if this is someone else`,
    );
    this.ja =
      `「${personName}」さんはすでに登録されています（${existing.map((p) => `ログインID ${p.loginId}`).join('、')}）。` +
      '同じ人なら登録し直さず、別の人なら同姓同名であることを確かめて登録してください';
  }
}
