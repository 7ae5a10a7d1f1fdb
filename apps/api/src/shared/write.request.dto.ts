import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every write may carry the revision the user saw, instead of an If-Match header. */
export class WriteRequest {
  @ApiPropertyOptional({ description: 'The revision you last saw (or send If-Match)' })
  @IsOptional()
  @IsInt({ message: 'must be a revision number, 0 or more' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  expectedRevision?: number;
}
