/**
 * What a password must be (ASVS V2.1): at least 12 characters, at most 128 (so hashing stays
 * bounded), any characters including spaces, and not the login id itself. No composition rules
 * and no forced rotation, as NIST SP 800-63B and ASVS advise.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** The reason in Japanese (shown on the set-password page and by the console command), or undefined if acceptable. */
export function passwordProblem(loginId: string, password: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください（${length}文字でした）。`;
  if (length > MAX_PASSWORD_LENGTH) return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください。`;
  if (password.normalize('NFKC').toLowerCase() === loginId.normalize('NFKC').toLowerCase())
    return 'ユーザーIDと同じパスワードは使えません。';
  return undefined;
}
