/** Small controls the administrator's forms share: a labelled text or date input, a success note. */
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
