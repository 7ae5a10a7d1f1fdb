import { InvalidInput } from '@goals/domain';

export const MAX_PAGE_SIZE = 200;

/** offset/limit from a query string; a page is never larger than maxLimit (MAX_PAGE_SIZE by default). */
export function pageOf(
  offset: string | undefined,
  limit: string | undefined,
  defaultLimit = 50,
  maxLimit = MAX_PAGE_SIZE,
): { offset: number; limit: number } {
  const parse = (field: string, value: string | undefined, fallback: number, max: number) => {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) > max)
      throw InvalidInput.of(
        field,
        `must be a whole number from 0 to ${max}`,
        `${field === 'limit' ? '件数（limit）' : '開始位置（offset）'}は0から${max.toLocaleString('ja-JP')}までの整数で指定してください`,
      );
    return Number(value);
  };
  return { offset: parse('offset', offset, 0, 1_000_000_000), limit: parse('limit', limit, defaultLimit, maxLimit) };
}

/** Event positions are 64-bit: SQLite keeps them as INTEGER, EventStoreDB's commit positions fit in int64. */
const MAX_POSITION = 2n ** 63n - 1n;

/**
 * An event position from a query string (from=, atPosition=), bounded: a number past 64 bits is the
 * client's mistake (400), not a store error (500).
 */
export function positionQuery(field: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value) || BigInt(value) > MAX_POSITION)
    throw InvalidInput.of(
      field,
      `must be an event position, a whole number from 0 to ${MAX_POSITION}`,
      `イベントの位置（0 以上 ${MAX_POSITION} 以下の整数）で指定してください`,
    );
  return BigInt(value);
}
