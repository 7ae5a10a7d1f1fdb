/** Writes answer with the new revision, in the body and as the ETag for the next If-Match. */
export function withRevision<T extends object>(reply: { header(name: string, value: string): unknown }, body: T & { revision: bigint }) {
  const revision = Number(body.revision);
  reply.header('etag', `"${revision}"`);
  return { ...body, revision };
}

export type Reply = { header(name: string, value: string): unknown };
