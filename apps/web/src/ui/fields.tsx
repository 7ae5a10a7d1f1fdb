/** Small controls the administrator's forms share: a labelled text, date or file input, a success note. */
import type { ReactNode } from 'react';
import { formatWareki } from '../lib/wareki';
import { Field } from './forms';

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'date' | 'email' | 'search';
  autoComplete?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint} required={props.required}>
      {({ id, describedBy, invalid }) => {
        // A date is also shown in 和暦, as the sheet and the 発令 documents write it.
        const wareki =
          props.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(props.value) ? formatWareki(props.value) : '';
        return (
          <>
            <input
              id={id}
              type={props.type ?? 'text'}
              value={props.value}
              autoComplete={props.autoComplete ?? 'off'}
              aria-describedby={[describedBy, wareki ? `${id}-wareki` : ''].filter(Boolean).join(' ') || undefined}
              aria-invalid={invalid}
              aria-required={props.required}
              onChange={(e) => props.onChange(e.target.value)}
            />
            {wareki && (
              <span className="wareki" id={`${id}-wareki`}>
                {wareki}
              </span>
            )}
          </>
        );
      }}
    </Field>
  );
}

/**
 * A required file input: the chosen file is read at once (`read`), and what it read, or undefined
 * when the choice is cleared, goes to `onRead`; `onPick` lets the form drop the last answer first.
 */
export function FileField<T>(props: {
  label: string;
  accept: string;
  read: (file: File) => Promise<T>;
  onRead: (read: T | undefined) => void;
  onPick?: () => void;
}) {
  return (
    <Field label={props.label} required>
      {({ id }) => (
        <input
          id={id}
          type="file"
          accept={props.accept}
          onChange={(e) => {
            props.onPick?.();
            const chosen = e.target.files?.[0];
            if (chosen) void props.read(chosen).then(props.onRead);
            else props.onRead(undefined);
          }}
        />
      )}
    </Field>
  );
}

/** What was just done, announced to screen readers and shown until the next action. */
export function Done({ text }: { text: string | undefined }) {
  return (
    <div role="status" aria-live="polite">
      {text && (
        <div className="banner banner-info">
          <p>{text}</p>
        </div>
      )}
    </div>
  );
}

/** A wide table that scrolls sideways on a tablet; focusable, so the keyboard scrolls it too. */
export function ScrollBox({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`scroll-x ${className ?? ''}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
