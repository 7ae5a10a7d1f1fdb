import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { Done, TextField } from '../../../ui/fields';
import { FormShell } from '../../../ui/form-shell';
import { fieldErrors } from '../../../ui/forms';
import { useRegisterPerson } from '../api';

/** Someone already registered under the name typed, as the api names them in its warning. */
interface SameName {
  personId?: string;
  name?: string;
  loginId?: string;
  employeeNumber?: string;
  /** 職員番号, as the api names it in the warning. */
  staffNumber?: string;
  posts?: Array<string | { title?: string }>;
}

/** The api's 409 `same-name-exists`: the people of that name, or undefined for any other answer. */
function sameNameOf(error: unknown): SameName[] | undefined {
  if (!(error instanceof ApiError) || error.problem.status !== 409) return undefined;
  const problem = error.problem as unknown as {
    code?: string;
    type?: string;
    existing?: SameName[];
    people?: SameName[];
  };
  if (problem.code !== 'same-name-exists' && !problem.type?.endsWith('same-name-exists')) return undefined;
  return problem.existing ?? problem.people ?? [];
}

/**
 * 職員の登録: 氏名, ログインID, メール, 職員番号. Posts are assigned afterwards. A name already registered
 * is not registered again silently: the form names who has it and asks before registering anyway.
 */
export function RegisterPersonForm({ onRegistered }: { onRegistered: (personId: string) => void }) {
  const [name, setName] = useState('');
  const [loginId, setLoginId] = useState('');
  const [email, setEmail] = useState('');
  const [employeeNumber, setEmployeeNumber] = useState('');
  const [done, setDone] = useState<string>();
  const register = useRegisterPerson((personId) => {
    setDone(`${name.trim()}さん（ログインID ${loginId.trim()}）を登録しました。続けて職を発令してください。`);
    setName('');
    setLoginId('');
    setEmail('');
    setEmployeeNumber('');
    onRegistered(personId);
  });
  const send = (sameNameConfirmed: boolean) => {
    setDone(undefined);
    register.mutate({
      name: name.trim(),
      loginId: loginId.trim(),
      email: email.trim() || undefined,
      employeeNumber: employeeNumber.trim() || undefined,
      ...(sameNameConfirmed ? { sameNameConfirmed: true } : {}),
    });
  };
  const sameName = sameNameOf(register.error);
  const errors = fieldErrors(register.error);
  return (
    <FormShell
      title="職員を登録"
      level={3}
      error={sameName ? undefined : register.error}
      busy={register.isPending}
      submit="登録"
      onSubmit={() => send(false)}
      notice={
        <>
          <Done text={done} />
          {sameName && (
            <div className="banner banner-warning" role="alert">
              <p>同じ氏名の方が登録されています。</p>
              <ul>
                {sameName.map((p, i) => (
                  <li key={p.personId ?? i}>
                    {p.name ?? name}
                    {p.loginId ? `（ログインID ${p.loginId}` : '（'}
                    {(p.staffNumber ?? p.employeeNumber) ? `・職員番号 ${p.staffNumber ?? p.employeeNumber}` : ''}
                    {p.posts?.length
                      ? `・${p.posts.map((post) => (typeof post === 'string' ? post : (post.title ?? ''))).join('、')}`
                      : ''}
                    ）
                  </li>
                ))}
              </ul>
              <p>同じ方であれば登録せず、その方に職を発令してください。別の方であれば、そのまま登録できます。</p>
              <button
                type="button"
                className="button button-secondary"
                disabled={register.isPending}
                onClick={() => send(true)}
              >
                別の方として登録する
              </button>
            </div>
          )}
        </>
      }
    >
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
    </FormShell>
  );
}
