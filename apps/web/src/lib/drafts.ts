/**
 * Nothing typed is lost: what a person types into a form is kept in the browser's localStorage at
 * every change (per person and per form: a goal's edit, the new-goal form, a reason), so a reload,
 * a crash or a session that ended on the way (sign-out in another tab, the idle limit) costs nothing.
 * When the form opens again and a kept text differs from what the form starts with, the form offers
 * it back; a save clears it.
 */
import { useCallback, useRef, useState } from 'react';
import { useMe } from './me';

const PREFIX = 'goal-sheet:draft:';

interface Kept<T> {
  value: T;
  keptAt: string;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled by policy: the form works, without keeping
  }
}

/** Kept if the browser lets us: a full or refused storage never stops the person typing. */
function keep<T>(key: string, kept: Kept<T>): void {
  try {
    storage()?.setItem(key, JSON.stringify(kept));
  } catch {
    /* quota exceeded or storage refused: the form goes on without keeping */
  }
}

/**
 * JSON with every object's keys in order: a kept text and the form's own are the same text whatever
 * order their keys came in (a goal's fields as the server sends them have changed order before), so
 * an identical text is never offered back.
 */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}

function readKept<T>(key: string): Kept<T> | undefined {
  const raw = storage()?.getItem(key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Kept<T>;
  } catch {
    return undefined;
  }
}

export interface KeptDraft<T> {
  /** A text kept from before, not yet taken back or thrown away. */
  offered: Kept<T> | undefined;
  restore: () => void;
  discard: () => void;
  /** After a save: nothing left to offer. */
  clear: () => void;
}

/**
 * A form's state that survives the page: `[value, setValue, kept]`. `form` names the form
 * (`goal:<id>`, `new-goal`, `goal:<id>:return` …); the signed-in person's login id is added, so two
 * people sharing a PC never see each other's text.
 */
export function useKeptDraft<T>(form: string, initial: () => T): [T, (next: T) => void, KeptDraft<T>] {
  const me = useMe();
  const key = `${PREFIX}${me.loginId}:${form}`;
  const [value, setValueState] = useState<T>(initial);
  const [offered, setOffered] = useState<Kept<T> | undefined>(() => {
    const kept = readKept<T>(key);
    return kept && sortedJson(kept.value) !== sortedJson(value) ? kept : undefined;
  });
  const offeredRef = useRef(offered);
  offeredRef.current = offered;
  const setValue = useCallback(
    (next: T) => {
      setValueState(next);
      // While an earlier text is offered, it is kept as it is until the person answers.
      if (!offeredRef.current) keep(key, { value: next, keptAt: new Date().toISOString() });
    },
    [key],
  );
  const clear = useCallback(() => {
    storage()?.removeItem(key);
    setOffered(undefined);
  }, [key]);
  return [
    value,
    setValue,
    {
      offered,
      restore: () => {
        if (!offered) return;
        setValueState(offered.value);
        setOffered(undefined);
      },
      discard: clear,
      clear,
    },
  ];
}
