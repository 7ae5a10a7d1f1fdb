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
