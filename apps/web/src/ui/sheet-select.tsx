import type { SheetHeader } from '../api/views';
import { fiscalYearLabel } from '../lib/wareki';
import { Field } from './forms';

/** 整理表: which department's sheet of which year, as 令和4年度 市民生活部. */
export function SheetSelect(props: {
  sheets: SheetHeader[];
  value: string;
  onChange: (sheetId: string) => void;
  error?: string;
}) {
  return (
    <Field label="整理表" error={props.error}>
      {({ id }) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.sheets.map((s) => (
            <option key={s.sheetId} value={s.sheetId}>
              {fiscalYearLabel(s.fiscalYear)} {s.department}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
