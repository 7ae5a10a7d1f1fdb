import { useId, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { japaneseReason } from './reasons';

/** A labelled control with its error text tied to it (aria-describedby), as the design system's inputs are. */
export function Field(props: {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required && <span className="required">必須</span>}
      </label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A labelled text area (a reason, a comment), its error under it. */
export function TextAreaField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  rows?: number;
  /** The api's limit: the field takes no more, and a counter shows how much is left. */
  maxLength?: number;
}) {
  return (
    <Field label={props.label} error={props.error} required={props.required}>
      {({ id, describedBy, invalid }) => (
        <>
          <textarea
            id={id}
            rows={props.rows ?? 2}
            value={props.value}
            maxLength={props.maxLength}
            aria-describedby={
              [describedBy, props.maxLength ? `${id}-count` : ''].filter(Boolean).join(' ') || undefined
            }
            aria-invalid={invalid}
            onChange={(e) => props.onChange(e.target.value)}
          />
          {props.maxLength !== undefined && (
            <CharacterCount id={`${id}-count`} value={props.value} max={props.maxLength} />
          )}
        </>
      )}
    </Field>
  );
}

/** 「12／2,000字」 under a field with a limit; announced politely only near the limit, not on every key. */
export function CharacterCount(props: { id: string; value: string; max: number }) {
  const used = [...props.value].length;
  const near = used >= props.max * 0.9;
  return (
    <p className={`char-count${used > props.max ? ' over' : ''}`} id={props.id} aria-live={near ? 'polite' : 'off'}>
      {used.toLocaleString('ja-JP')}／{props.max.toLocaleString('ja-JP')}字
    </p>
  );
}

/** 再試行 is offered when a write never got an answer: the same request again, with what was typed. */
export function retryOnNetwork<V>(mutation: {
  error: unknown;
  variables: V | undefined;
  mutate: (variables: V) => void;
}): (() => void) | undefined {
  const { error, variables } = mutation;
  // A command without variables (void) is retried the same way: its variables are undefined.
  return isRetryable(error) ? () => mutation.mutate(variables as V) : undefined;
}

/**
 * problem+json errors[] by field, each reason in Japanese: under the field as sent (into[1].name) and
 * under the property it belongs to (into, title, sections, reason …), so a form shows it next to the
 * control it has.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem.errors) return {};
  const byField: Record<string, string> = {};
  for (const { field, reason } of error.problem.errors) {
    const text = japaneseReason(reason);
    for (const name of new Set([field, field.replace(/\[\d+\]$/, '').split(/[.[]/)[0]]))
      byField[name] = byField[name] ? `${byField[name]}\n${text}` : text;
  }
  return byField;
}

/** Whether trying the same request again could help: it never got an answer, or the server failed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.network || error.problem.status >= 500);
}

/** What went wrong, said plainly; a network error keeps what was typed and offers to try again. */
export function ErrorBanner(props: { error: unknown; onRetry?: () => void; conflictBy?: string }) {
  const { error } = props;
  if (!error) return null;
  let text: string;
  if (error instanceof ApiError && error.network) text = '通信できませんでした。入力した内容は残っています。';
  else if (error instanceof ApiError && error.problem.status === 409 && props.conflictBy !== undefined)
    text = `この目標は${props.conflictBy}さんが変更しました（あなたが開いた後）。入力した内容は残っています。最新の内容を確認してから、もう一度操作してください。`;
  else if (error instanceof ApiError && error.problem.status === 400) text = '入力内容を確認してください。';
  else if (error instanceof ApiError && error.problem.status === 403)
    text = `この操作はできません（${japaneseReason(error.message)}）`;
  else if (error instanceof ApiError && error.problem.status === 409)
    text = `この操作はできません（${japaneseReason(error.message)}）`;
  else text = `エラーが発生しました（${japaneseReason((error as Error).message)}）`;
  return (
    <div className="banner banner-error" role="alert">
      <p>{text}</p>
      {/* 再試行 only where the same request again can help: not for a refusal, which needs a change first. */}
      {props.onRetry && isRetryable(error) && (
        <button type="button" className="button button-secondary" onClick={props.onRetry}>
          再試行
        </button>
      )}
    </div>
  );
}
