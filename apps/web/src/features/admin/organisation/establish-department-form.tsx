import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { formatWareki } from '../../../lib/wareki';
import { ErrorBanner, Field } from '../../../ui/forms';
import { nextAprilFirst } from '../admin-data';
import { adminFieldErrors } from '../reasons';
import { Done, TextField } from '../ui';

/** 部の設置: a department and its sections, from a day (normally 4月1日). */
export function EstablishDepartmentForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [headTitle, setHeadTitle] = useState('');
  const [sections, setSections] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [done, setDone] = useState<string>();
  const sectionNames = sections
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const establish = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/admin/departments', {
          body: { name: name.trim(), headTitle: headTitle.trim() || undefined, sections: sectionNames, effectiveFrom },
        }),
      ),
    onSuccess: () => {
      setDone(
        `${name.trim()}を${formatWareki(effectiveFrom)}から設置しました` +
          (sectionNames.length ? `（${sectionNames.join('、')}）。` : '。'),
      );
      setName('');
      setHeadTitle('');
      setSections('');
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
  });
  const errors = adminFieldErrors(establish.error);
  return (
    <form
      className="card form"
      aria-labelledby="establish-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        establish.mutate();
      }}
    >
      <h3 id="establish-heading">部を設置</h3>
      <ErrorBanner error={establish.error} />
      <Done text={done} />
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
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={establish.isPending}>
          設置
        </button>
      </div>
    </form>
  );
}
