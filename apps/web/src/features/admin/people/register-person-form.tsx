import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { ErrorBanner } from '../../../ui/forms';
import { adminFieldErrors } from '../reasons';
import { Done, TextField } from '../ui';

/** 職員の登録: 氏名, ログインID, メール, 職員番号. Posts are assigned afterwards. */
export function RegisterPersonForm({ onRegistered }: { onRegistered: (personId: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [loginId, setLoginId] = useState('');
  const [email, setEmail] = useState('');
  const [employeeNumber, setEmployeeNumber] = useState('');
  const [done, setDone] = useState<string>();
  const register = useMutation({
    mutationFn: async () =>
      (await ok(
        api.POST('/api/v1/admin/people', {
          body: {
            name: name.trim(),
            loginId: loginId.trim(),
            email: email.trim() || undefined,
            employeeNumber: employeeNumber.trim() || undefined,
          },
        }),
      ))!,
    onSuccess: async (created) => {
      setDone(`${name.trim()}さん（ログインID ${loginId.trim()}）を登録しました。続けて職を発令してください。`);
      setName('');
      setLoginId('');
      setEmail('');
      setEmployeeNumber('');
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      onRegistered(created.id);
    },
  });
  const errors = adminFieldErrors(register.error);
  return (
    <form
      className="card form"
      aria-labelledby="register-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        register.mutate();
      }}
    >
      <h3 id="register-heading">職員を登録</h3>
      <ErrorBanner error={register.error} />
      <Done text={done} />
      <div className="field-row">
        <TextField label="氏名" value={name} onChange={setName} error={errors.name} required />
        <TextField
          label="ログインID"
          hint="半角英数字と . _ @ -"
          value={loginId}
          onChange={setLoginId}
          error={errors.loginId}
          required
        />
      </div>
      <div className="field-row">
        <TextField label="メール" type="email" value={email} onChange={setEmail} error={errors.email} />
        <TextField label="職員番号" value={employeeNumber} onChange={setEmployeeNumber} error={errors.employeeNumber} />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          登録
        </button>
      </div>
    </form>
  );
}
