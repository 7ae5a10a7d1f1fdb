import { ApiProperty } from '@nestjs/swagger';

/** Writes answer with the new revision, in the body and as the ETag for the next If-Match. */
export function withRevision<T extends object>(reply: { header(name: string, value: string): unknown }, body: T & { revision: bigint }) {
  const revision = Number(body.revision);
  reply.header('etag', `"${revision}"`);
  return { ...body, revision };
}

export type Reply = { header(name: string, value: string): unknown };

/** What a step on a goal answers (the revision also as ETag). */
export class GoalRevision {
  @ApiProperty({ format: 'uuid' })
  goalId!: string;

  @ApiProperty({ description: 'the goal stream revision after the write; send it as If-Match next time', example: 3 })
  revision!: number;
}

export class DraftedGoalResponse extends GoalRevision {
  @ApiProperty({ description: '番号 on the sheet', example: 1 })
  number!: number;
}

/** What a write on a sheet answers (the revision also as ETag). */
export class SheetRevision {
  @ApiProperty({ format: 'uuid' })
  sheetId!: string;

  @ApiProperty({ description: 'the sheet stream revision after the write', example: 0 })
  revision!: number;
}
