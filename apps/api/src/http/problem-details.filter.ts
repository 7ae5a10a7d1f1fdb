/**
 * Every error leaves as application/problem+json (RFC 9457), mapped here once: controllers and
 * handlers throw typed errors and never build status codes by hand.
 *
 * A person reads `title`, `detail` and each `errors[].reason`: they are Japanese unless the client
 * puts English first in Accept-Language (other systems and the old clients). `field`, `rule`, `type`
 * and `state` stay machine-readable in both, so the web can put a reason beside its field.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import {
  DomainError,
  FieldError,
  IllegalTransition,
  InvalidInput,
  NotAllowed,
  NotFound,
  SameNameExists,
  SameNamePerson,
  StaleRevision,
} from '@goals/domain';
import { AppendTooLarge, InvalidPosition, StoreCannotWrite, WrongExpectedVersion } from '@goals/event-store';
import { isRedisUnavailable } from '@goals/redis';
import { WorkbookBeyondBudget } from '@goals/sheet-file';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  rule?: string;
  state?: string;
  currentRevision?: number | null;
  code?: string;
  existing?: SameNamePerson[];
}

export type Language = 'ja' | 'en';

const TYPE_BASE = 'https://goal-sheet.example/problems/';

/** Japanese unless the first language the client names is English. */
export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  const first = header?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-') ? 'en' : 'ja';
}

export function problemOf(error: unknown, lang: Language = 'ja'): Problem {
  const ja = lang === 'ja';
  const say = (en: string, japanese: string | undefined) => (ja && japanese ? japanese : en);
  const fieldErrors = (errors: FieldError[]) =>
    errors.map(({ field, reason, ja: japanese }) => ({ field, reason: say(reason, japanese) }));
  const domainDetail = (e: DomainError) => say(e.message, e.ja);
  if (error instanceof InvalidInput)
    return {
      type: `${TYPE_BASE}invalid-input`,
      title: titleOf(400, lang),
      status: 400,
      detail: domainDetail(error),
      errors: fieldErrors(error.errors),
    };
  if (error instanceof NotAllowed)
    return {
      type: `${TYPE_BASE}not-allowed`,
      title: titleOf(403, lang),
      status: 403,
      detail: domainDetail(error),
      rule: error.rule,
    };
  if (error instanceof AppendTooLarge)
    return {
      type: `${TYPE_BASE}too-large`,
      title: say('Too large for one write', '一度に保存するには大きすぎます'),
      status: 413,
      detail: say(
        `${error.message}; split it into smaller parts`,
        `一度に保存できる量（1MiB）を超えています（${error.bytes.toLocaleString('ja-JP')}バイト）。小さく分けて送ってください`,
      ),
    };
  if (error instanceof WorkbookBeyondBudget)
    return {
      type: `${TYPE_BASE}too-large`,
      title: say('Too large to read', '大きすぎて読めません'),
      status: 413,
      detail: say(`${error.message}; nothing was saved`, error.ja),
    };
  if (error instanceof InvalidPosition) {
    const reason = say(
      error.message,
      `位置 ${error.position} はイベントの位置ではありません。監査ログにある位置を指定してください`,
    );
    return {
      type: `${TYPE_BASE}invalid-input`,
      title: titleOf(400, lang),
      status: 400,
      detail: reason,
      errors: [{ field: 'position', reason }],
    };
  }
  if (error instanceof SameNameExists)
    return {
      type: `${TYPE_BASE}same-name-exists`,
      title: say('Same name already registered', '同じ氏名の職員がいます'),
      status: 409,
      code: 'same-name-exists',
      detail: domainDetail(error),
      existing: error.existing,
    };
  if (error instanceof NotFound)
    return { type: `${TYPE_BASE}not-found`, title: titleOf(404, lang), status: 404, detail: domainDetail(error) };
  if (error instanceof IllegalTransition)
    return {
      type: `${TYPE_BASE}illegal-transition`,
      title: say('Not possible in the current state', '今の状態ではできません'),
      status: 409,
      detail: domainDetail(error),
      state: error.state,
    };
  if (error instanceof StaleRevision)
    return {
      type: `${TYPE_BASE}stale-revision`,
      title: say('Changed by someone else', 'ほかの人が先に変更しました'),
      status: 409,
      detail: ja ? error.ja : `${error.message}; reload and try again`,
      currentRevision: error.actual === 'none' ? null : Number(error.actual),
    };
  if (error instanceof WrongExpectedVersion)
    return {
      type: `${TYPE_BASE}stale-revision`,
      title: say('Changed by someone else', 'ほかの人が先に変更しました'),
      status: 409,
      detail: say(
        'someone else changed it at the same moment; reload and try again',
        'ほかの人が同時に変更しました。読み込み直して、内容を確かめてからもう一度操作してください',
      ),
      currentRevision: error.actual === 'no_stream' ? null : Number(error.actual),
    };
  if (error instanceof StoreCannotWrite)
    return error.reason === 'full'
      ? {
          type: `${TYPE_BASE}insufficient-storage`,
          title: say('Insufficient storage', '保存する場所がありません'),
          status: 507,
          detail: say(
            `${error.message}: nothing was saved; free some space and send it again`,
            'ディスクがいっぱいのため保存できませんでした（何も保存されていません）。管理者に連絡し、空きができてからもう一度送ってください',
          ),
        }
      : {
          type: `${TYPE_BASE}event-store-unavailable`,
          title: say('Event store unavailable', '保存先に接続できません'),
          status: 503,
          detail: say(
            `${error.message}: nothing was saved; send it again later`,
            '保存先に書き込めませんでした（何も保存されていません）。しばらくしてからもう一度送ってください',
          ),
        };
  if (isRedisUnavailable(error))
    return {
      type: `${TYPE_BASE}redis-unavailable`,
      title: say('Redis unavailable', '一時的に表示できません'),
      status: 503,
      detail: say(
        `Redis (read models and reminders) is not answering (${(error as Error).message}); try again in a moment`,
        '表示用のデータ（Redis）が応答していません。少し待ってからもう一度お試しください',
      ),
    };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: string | string[] }).message;
    const english = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
    const detail = say(english, httpDetailJa(status, english));
    return {
      type: `${TYPE_BASE}${slug(HttpStatus[status] ?? 'error')}`,
      title: titleOf(status, lang),
      status,
      detail,
      // The contract promises every 400 a list of what to fix, even when no single field is to blame.
      ...(status === 400 ? { errors: [{ field: '(request)', reason: detail }] } : {}),
    };
  }
  // Fastify and its plugins (the body limit, content types, the rate limit) throw errors carrying a status.
  const fastifyStatus = (error as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const { message, detail, detailJa } = error as { message?: unknown; detail?: unknown; detailJa?: unknown };
    const english =
      typeof detail === 'string' && detail
        ? detail
        : typeof message === 'string' && message
          ? message
          : titleOf(fastifyStatus, 'en');
    const text = say(english, typeof detailJa === 'string' ? detailJa : httpDetailJa(fastifyStatus, english));
    return {
      type: `${TYPE_BASE}${slug(HttpStatus[fastifyStatus] ?? 'bad-request')}`,
      title: titleOf(fastifyStatus, lang),
      status: fastifyStatus,
      detail: text,
      ...(fastifyStatus === 400 ? { errors: [{ field: '(request)', reason: text }] } : {}),
    };
  }
  return {
    type: `${TYPE_BASE}internal`,
    title: titleOf(500, lang),
    status: 500,
    detail: say(
      'something went wrong on our side; it has been logged',
      'サービス側で問題が起きました（記録済みです）。時間をおいてもう一度お試しください',
    ),
  };
}

/** What an HTTP refusal from the framework means for the person who sent it. */
function httpDetailJa(status: number, english: string): string {
  const route = /^Cannot (\w+) (\S+)/.exec(english);
  switch (status) {
    case 400:
      return `要求を読み取れませんでした。送る内容を確かめてください（${english}）`;
    case 401:
      return 'サインインしていないか、サインインの有効期限が切れています。もう一度サインインしてください';
    case 403:
      return 'この操作は許可されていません';
    case 404:
      return route ? `このアドレス（${route[1]} ${route[2]}）はありません` : 'お探しのものは見つかりません';
    case 405:
      return 'このアドレスではこの方法（HTTPメソッド）は使えません';
    case 406:
      return '求められた形式では返せません';
    case 409:
      return 'ほかの変更と重なったため、行えませんでした。読み込み直してからもう一度操作してください';
    case 413:
      return '送られた内容が大きすぎます。小さく分けて送ってください';
    case 415:
      return 'この形式（Content-Type）の内容は受け付けていません。application/json で送ってください';
    case 422:
      return '送られた内容では処理できません';
    case 428:
      return '変更の前に、開いている版（If-Match）を送ってください';
    case 429:
      return '短い間に要求が多すぎます。1分ほど待ってからもう一度お試しください';
    default:
      return `要求を処理できませんでした（${status}）`;
  }
}

interface ProblemReply {
  header(name: string, value: string): ProblemReply;
  status(code: number): ProblemReply;
  send(body: string): unknown;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<{ headers?: Record<string, string | string[] | undefined> }>();
    const lang = languageOf(request?.headers?.['accept-language']);
    const problem = problemOf(error, lang);
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    const reply = host.switchToHttp().getResponse<ProblemReply>();
    if (problem.status === 503) reply.header('retry-after', '5');
    // A stale If-Match answers the revision to reload as the ETag too, as a successful write does.
    if (typeof problem.currentRevision === 'number') reply.header('etag', `"${problem.currentRevision}"`);
    reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('content-language', lang)
      .header('vary', 'Accept-Language')
      .send(JSON.stringify(problem));
  }
}

const TITLES: Record<number, [string, string]> = {
  400: ['Invalid input', '入力内容を確かめてください'],
  401: ['Not authenticated', 'サインインが必要です'],
  403: ['Not allowed', '許可されていません'],
  404: ['Not found', '見つかりません'],
  405: ['Method not allowed', 'この方法は使えません'],
  406: ['Not acceptable', 'この形式では返せません'],
  408: ['Request timeout', '要求が時間内に届きませんでした'],
  409: ['Conflict', 'ほかの変更と重なりました'],
  413: ['Request body too large', '内容が大きすぎます'],
  415: ['Unsupported media type', 'この形式は受け付けていません'],
  422: ['Unprocessable request', '処理できません'],
  428: ['Precondition required', '版の指定が必要です'],
  429: ['Too many requests', '要求が多すぎます'],
  431: ['Headers too large', 'ヘッダーが大きすぎます'],
  500: ['Internal error', 'サービス側の問題'],
};

export function titleOf(status: number, lang: Language = 'ja'): string {
  const [en, ja] = TITLES[status] ?? ['Error', 'エラー'];
  return lang === 'ja' ? ja : en;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
