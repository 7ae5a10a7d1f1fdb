/**
 * The api words most refusals for a programmer (English); the administrator reads them in Japanese.
 * The reasons the directory and 代決 rules give are matched here; any other is shown as sent.
 */
import { formatWareki } from '../lib/wareki';

const REASONS: Array<[RegExp, string]> = [
  [/^is required$|^should not be empty$|must not be blank/, '入力してください'],
  [/^must be a date,? YYYY-MM-DD$/, '日付を入力してください'],
  [/is already someone's login id$/, 'このログインIDはすでに使われています'],
  [/^職員番号 (\S+) is already registered \((.+)\)$/, '職員番号 $1 はすでに登録されています（$2）'],
  [/e-?mail/, 'メールアドレスの形式で入力してください'],
  [/^must be 1 to 100 letters, digits or \. _ @ -$/, '半角英数字と . _ @ - で100字以内にしてください'],
  [/^must be 1 to 20 letters or digits$/, '半角英数字20字以内にしてください'],
  [/^must not be before from/, '開始日より前にはできません'],
  [/^must not be before the post began \((\S+)\)$/, '就任日（$1）より前にはできません'],
  [/^(.+) is 部長 of that department from (\S+)(?: until (\S+))?$/, '$1さんがこの期間の部長です（$2から）'],
  [/^(.+) is 課長 of (.+) from (\S+)(?: until (\S+))?$/, '$1さんがこの期間の$2長です（$3から）'],
  [/^name at least one section$/, '課を1つ以上選んでください'],
  [/^a department named (.+) already exists on (\S+)$/, '$2に「$1」という部がすでにあります'],
  [/^(.+) already exists in that department on (\S+)$/, '$2にこの部には「$1」という課がすでにあります'],
  [/^must be after the section was established \((\S+)\)$/, '課の設置日（$1）より後の日にしてください'],
  [/^共通 is reserved/, '「共通」は部全体の目標に使う名前のため、課の名前にはできません'],
  [/cannot delegate to themselves$/, '部長本人を代決者にはできません'],
  [/is an auditor/, '監査は代決者にできません'],
  [/is an administrator/, '管理者は代決者にできません'],
  [/is not in the directory on (\S+)$/, '$1に職についていない人です'],
  [/^must be today \((\S+)\) or later/, '今日（$1）以降の日にしてください'],
  [/has no 部長 on (\S+)/, '$1に部長がいない部です'],
  [/is not a department on (\S+)$/, '$1にはない部です'],
  [/^name the department/, '部を選んでください'],
  [/at least one decision/, '代決する決定を1つ以上選んでください'],
];

export function japaneseReason(reason: string): string {
  // The reorganisation rules answer in Japanese already, naming the request's flag for a programmer.
  if (reason.includes('endPosts: true なら'))
    return reason.replace('endPosts: true なら', '「職を前日で終了する」を選ぶと');
  for (const [pattern, japanese] of REASONS) {
    const match = pattern.exec(reason);
    // Days as the office writes them (令和8年12月6日), not as the api sends them.
    if (match)
      return japanese
        .replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '')
        .replace(/\d{4}-\d{2}-\d{2}/g, (day) => formatWareki(day));
  }
  return reason;
}
