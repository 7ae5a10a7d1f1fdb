import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EndedPostView {
  @ApiProperty({ format: 'uuid' }) postId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '青木一郎' }) name!: string;
  @ApiProperty({ example: '市民課長' }) title!: string;
  @ApiProperty({ example: '2024-03-31', description: 'Last day held' }) until!: string;
}

export class ReorganisedView {
  @ApiProperty({ description: 'Revision of the directory stream after the change' }) revision!: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'The sections a merge or split established, in the order given',
  })
  establishedSectionIds?: string[];
  @ApiProperty({ type: [EndedPostView], description: 'Posts ended the day before (endPosts)' })
  endedPosts!: EndedPostView[];
}

/** What a 機構改革 route answers with 400. */
export const REORGANISATION_REFUSALS =
  'A field at fault, named with the reason (in Japanese): unknown ids, a day outside the life of what changes, ' +
  'a name taken that day, a post that would outlive its 課 or 部, a goal that would be left with no section; ' +
  'nothing written';
