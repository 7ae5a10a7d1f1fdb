/**
 * The server-rendered pages of signing in: Japanese, usable without JavaScript, and accessible —
 * every field has a <label for>, an error is announced (role="alert") and tied to its field
 * (aria-invalid, aria-describedby), focus is always visible, and the look follows the デジタル庁
 * design system through its own tokens (@digital-go-jp/design-tokens), inlined: no external fetch.
 */
import { readFileSync } from 'node:fs';

/** The design tokens' CSS, or the few this page uses when the package is not installed (a pruned image). */
function designTokens(): string {
  try {
    return readFileSync(require.resolve('@digital-go-jp/design-tokens/dist/tokens.css'), 'utf8');
  } catch {
    return `:root{--color-primitive-blue-900:#0017c1;--color-primitive-blue-1000:#00118f;--color-primitive-blue-1100:#000071;
--color-primitive-yellow-300:#ffd43d;--color-primitive-red-900:#ce0000;--color-neutral-white:#ffffff;
--color-neutral-solid-gray-50:#f2f2f2;--color-neutral-solid-gray-600:#666666;--color-neutral-solid-gray-800:#333333;
--color-neutral-solid-gray-900:#1a1a1a;--font-family-sans:'Noto Sans JP',-apple-system,BlinkMacSystemFont,sans-serif}`;
  }
}

const TOKENS = designTokens();

const STYLE = `
body{margin:0;font-family:var(--font-family-sans);color:var(--color-neutral-solid-gray-800);background:var(--color-neutral-solid-gray-50);line-height:1.7}
header{background:var(--color-neutral-white);border-bottom:1px solid var(--color-neutral-solid-gray-420,#949494);padding:12px 24px;font-weight:700}
main{max-width:480px;margin:40px auto;background:var(--color-neutral-white);padding:32px;border-radius:8px}
h1{font-size:1.75rem;margin:0 0 24px;color:var(--color-neutral-solid-gray-900)}
label{display:block;font-weight:700;margin:16px 0 4px}
input[type=text],input[type=password]{box-sizing:border-box;width:100%;font-size:1rem;padding:12px 16px;border:1px solid var(--color-neutral-solid-gray-600);border-radius:8px;background:var(--color-neutral-white)}
input[aria-invalid=true]{border:2px solid var(--color-primitive-red-900)}
.hint{font-size:.875rem;color:var(--color-neutral-solid-gray-600);margin:4px 0 0}
.field-error{color:var(--color-primitive-red-900);font-size:.875rem;margin:4px 0 0}
.alert{border:2px solid var(--color-primitive-red-900);color:var(--color-primitive-red-900);padding:12px 16px;border-radius:8px;margin:0 0 16px}
.notice{border:2px solid var(--color-primitive-blue-900);padding:12px 16px;border-radius:8px;margin:0 0 16px}
button,.button{display:block;width:100%;box-sizing:border-box;margin-top:24px;padding:14px 16px;font-size:1rem;font-weight:700;text-align:center;text-decoration:none;border-radius:8px;border:2px solid var(--color-primitive-blue-900);cursor:pointer}
button{background:var(--color-primitive-blue-900);color:var(--color-neutral-white)}
button:hover{background:var(--color-primitive-blue-1000);border-color:var(--color-primitive-blue-1000)}
.button.secondary{background:var(--color-neutral-white);color:var(--color-primitive-blue-900)}
.divider{margin:32px 0 0;padding-top:8px;border-top:1px solid var(--color-neutral-solid-gray-420,#949494)}
:focus-visible{outline:4px solid var(--color-neutral-solid-gray-900);outline-offset:2px;box-shadow:0 0 0 2px var(--color-primitive-yellow-300)}
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} | 組織目標展開整理表</title>
<style>${TOKENS}${STYLE}</style>
</head>
<body>
<header>組織目標展開整理表</header>
<main>
${body}
</main>
</body>
</html>`;
}

export interface FieldErrors {
  loginId?: string;
  password?: string;
}

function field(
  name: string,
  label: string,
  type: string,
  options: { value?: string; error?: string; autocomplete: string; hint?: string },
): string {
  const described = [options.hint ? `${name}-hint` : '', options.error ? `${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return `<label for="${name}">${escapeHtml(label)}</label>
${options.hint ? `<p class="hint" id="${name}-hint">${escapeHtml(options.hint)}</p>` : ''}
<input type="${type}" id="${name}" name="${name}" autocomplete="${options.autocomplete}" required${
    options.value !== undefined ? ` value="${escapeHtml(options.value)}"` : ''
  }${options.error ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}>
${options.error ? `<p class="field-error" id="${name}-error">${escapeHtml(options.error)}</p>` : ''}`;
}

export interface SignInPage {
  /** Shown above the form and announced (role="alert"). */
  error?: string;
  /** A neutral message (signed out, password set). */
  notice?: string;
  fields?: FieldErrors;
  loginId?: string;
  next: string;
  formToken: string;
  local: boolean;
  oidc: boolean;
}

export function signInPage(p: SignInPage): string {
  const next = escapeHtml(p.next);
  const local = p.local
    ? `<form method="post" action="/login" novalidate>
<input type="hidden" name="next" value="${next}">
<input type="hidden" name="formToken" value="${escapeHtml(p.formToken)}">
${field('loginId', 'ユーザーID', 'text', { value: p.loginId ?? '', error: p.fields?.loginId, autocomplete: 'username' })}
${field('password', 'パスワード', 'password', { error: p.fields?.password, autocomplete: 'current-password' })}
<button type="submit">ログイン</button>
</form>`
    : '';
  const oidc = p.oidc
    ? `<div${p.local ? ' class="divider"' : ''}><a class="button${p.local ? ' secondary' : ''}" href="/auth/oidc/login?next=${encodeURIComponent(p.next)}">庁内アカウントでログイン</a></div>`
    : '';
  return page(
    'ログイン',
    `<h1>ログイン</h1>
${p.error ? `<div class="alert" role="alert" id="form-error">${escapeHtml(p.error)}</div>` : ''}
${p.notice ? `<div class="notice" role="status">${escapeHtml(p.notice)}</div>` : ''}
${local}
${oidc}`,
  );
}

export interface SetPasswordPage {
  token: string;
  loginId?: string;
  error?: string;
  done?: boolean;
}

export function setPasswordPage(p: SetPasswordPage): string {
  if (p.done)
    return page(
      'パスワードを設定しました',
      `<h1>パスワードを設定しました</h1>
<div class="notice" role="status">新しいパスワードでログインしてください。ほかの端末のログインはすべて終了しました。</div>
<a class="button" href="/login">ログイン画面へ</a>`,
    );
  if (!p.loginId)
    return page(
      'パスワードの設定',
      `<h1>パスワードの設定</h1>\n<div class="alert" role="alert">${escapeHtml(p.error ?? '')}</div>`,
    );
  return page(
    'パスワードの設定',
    `<h1>パスワードの設定</h1>
${p.error ? `<div class="alert" role="alert">${escapeHtml(p.error)}</div>` : ''}
<form method="post" action="/set-password" novalidate>
<input type="hidden" name="token" value="${escapeHtml(p.token)}">
<input type="text" name="username" value="${escapeHtml(p.loginId)}" autocomplete="username" hidden readonly>
<p>ユーザーID: <strong>${escapeHtml(p.loginId)}</strong></p>
${field('password', '新しいパスワード', 'password', {
  error: p.error,
  autocomplete: 'new-password',
  hint: '12文字以上。ユーザーIDと同じものは使えません。',
})}
<button type="submit">パスワードを設定</button>
</form>`,
  );
}

/** A refusal with no form: an identity provider's answer that cannot start a session. */
export function refusalPage(title: string, message: string, status = ''): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<div class="alert" role="alert">${escapeHtml(message)}</div>
${status ? `<p class="hint">${escapeHtml(status)}</p>` : ''}
<a class="button secondary" href="/login">ログイン画面へ戻る</a>`,
  );
}
