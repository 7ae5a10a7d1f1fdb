import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PUBLICATION_KINDS } from '@goals/domain';
import { WriteRequest } from '../../shared/write.request.dto';

export class PublishSheetRequest extends WriteRequest {
  @ApiProperty({ enum: PUBLICATION_KINDS, description: '公表の種類: setting 目標設定時, midterm 中間, result 結果' })
  @IsIn(PUBLICATION_KINDS, {
    message: '公表の種類は setting（目標設定時）、midterm（中間）、result（結果）のいずれかです',
  })
  kind!: string;
}
