import { useState } from 'react';
import { formatWareki, nextAprilFirst } from '../../../lib/wareki';
import { Done, TextField } from '../../../ui/fields';
import { FormShell } from '../../../ui/form-shell';
import { Field, fieldErrors } from '../../../ui/forms';
import { directory, useDirectoryWrite } from '../api';

/** 部の設置: a department and its sections, from a day (normally 4月1日). */
export function EstablishDepartmentForm() {
  const [name, setName] = useState('');
  const [headTitle, setHeadTitle] = useState('');
  const [sections, setSections] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [done, setDone] = useState<string>();
  const sectionNames = sections
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const establish = useDirectoryWrite(
    (key: string) =>
      directory.establishDepartment(
        { name: name.trim(), headTitle: headTitle.trim() || undefined, sections: sectionNames, effectiveFrom },
        key,
      ),
    () => {
      setDone(
        `${name.trim()}を${formatWareki(effectiveFrom)}から設置しました` +
          (sectionNames.length ? `（${sectionNames.join('、')}）。` : '。'),
      );
      setName('');
      setHeadTitle('');
      setSections('');
    },
  );
  const errors = fieldErrors(establish.error);
  return (
    <FormShell
      title="部を設置"
      level={3}
      error={establish.error}
      busy={establish.isPending}
      submit="設置"
      onSubmit={() => {
        setDone(undefined);
        establish.mutate();
      }}
      notice={<Done text={done} />}
    >
      <TextField label="部の名称" value={name} onChange={setName} error={errors.name} required />
      <TextField
        label="部長の職名"
        hint="空欄なら「部の名称＋長」（例 総務部長）"
        value={headTitle}
        onChange={setHeadTitle}
        error={errors.headTitle}
      />
      <Field label="課" hint="1行に1課ずつ書いてください" error={errors.sections}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={4}
            value={sections}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setSections(e.target.value)}
          />
        )}
      </Field>
      <TextField
        label="設置日"
        type="date"
        hint="通常は4月1日"
        value={effectiveFrom}
        onChange={setEffectiveFrom}
        error={errors.effectiveFrom}
        required
      />
    </FormShell>
  );
}
