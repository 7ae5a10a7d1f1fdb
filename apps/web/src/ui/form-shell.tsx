/**
 * The one frame every form of the application has: its heading, the refusal or the network error
 * (with 再試行 only where trying again can help), a note of what was done, the fields, and the
 * buttons — all disabled while the write is in flight, so a double-click sends once.
 */
import { useId, type ReactNode } from 'react';
import { ErrorBanner } from './forms';

export interface FormButton {
  label: string;
  /** The form's main action (one per form); the others are secondary. */
  primary?: boolean;
  /** Without it the button submits the form (Enter in a field presses it). */
  onClick?: () => void;
  disabled?: boolean;
}

export function FormShell(props: {
  /** The heading, and its level where the form sits in the page's outline. */
  title?: string;
  level?: 2 | 3 | 4;
  /** Focusable heading id (a panel that opens moves focus to it). */
  headingId?: string;
  /** The form's accessible name where it has no heading. */
  label?: string;
  className?: string;
  error?: unknown;
  onRetry?: () => void;
  conflictBy?: string;
  /** A write is in flight: every button waits. */
  busy: boolean;
  /** The submit button's label, or the buttons in order (the first without onClick submits). */
  submit: string | FormButton[];
  onSubmit: () => void;
  /** やめる: closes the form without sending. */
  onCancel?: () => void;
  /** Shown between the error and the fields: what was just done, a restore offer, a conflict's way on. */
  notice?: ReactNode;
  small?: boolean;
  children: ReactNode;
}) {
  const ownId = useId();
  const headingId = props.headingId ?? `${ownId}-heading`;
  const Heading = ({ 2: 'h2', 3: 'h3', 4: 'h4' } as const)[props.level ?? 2];
  const buttons: FormButton[] =
    typeof props.submit === 'string' ? [{ label: props.submit, primary: true }] : props.submit;
  const size = props.small ? ' button-small' : '';
  return (
    <form
      className={props.className ?? 'card form'}
      aria-labelledby={props.title ? headingId : undefined}
      aria-label={props.title ? undefined : props.label}
      aria-busy={props.busy || undefined}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.busy) props.onSubmit();
      }}
    >
      {props.title && (
        <Heading id={headingId} tabIndex={-1}>
          {props.title}
        </Heading>
      )}
      <ErrorBanner error={props.error} onRetry={props.onRetry} conflictBy={props.conflictBy} />
      {props.notice}
      {props.children}
      <div className="actions">
        {buttons.map((b) => (
          <button
            key={b.label}
            type={b.onClick ? 'button' : 'submit'}
            className={`button ${b.primary ? 'button-primary' : 'button-secondary'}${size}`}
            disabled={props.busy || b.disabled}
            onClick={
              b.onClick
                ? () => {
                    if (!props.busy) b.onClick!();
                  }
                : undefined
            }
          >
            {b.label}
          </button>
        ))}
        {props.onCancel && (
          <button type="button" className={`button button-secondary${size}`} onClick={props.onCancel}>
            やめる
          </button>
        )}
      </div>
    </form>
  );
}
