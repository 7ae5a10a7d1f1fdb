import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { POST_KINDS, PostKind } from '@goals/domain';
import { IsNotBlank, IsPlainText } from '../http/plain-text.validator';
import { WriteRequest } from '../shared/write.request.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a date, YYYY-MM-DD' };

export class ProblemView {
  @ApiProperty({ example: 'https://goal-sheet.example/problems/invalid-input' }) type!: string;
  @ApiProperty({ example: 'Invalid input' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({
    description: 'Each field at fault and why',
    example: [{ field: 'until', reason: 'must not be before from' }],
  })
  errors?: { field: string; reason: string }[];
}

export class SectionView {
  @ApiProperty({ format: 'uuid' }) sectionId!: string;
  @ApiProperty({ example: '市民課', description: 'As named in that fiscal year' }) name!: string;
}

export class DepartmentView {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ example: '市民生活部' }) name!: string;
  @ApiProperty({ example: '市民生活部長' }) headTitle!: string;
  @ApiProperty({ type: [SectionView] }) sections!: SectionView[];
}

export class DepartmentsView {
  @ApiProperty({ example: 2022 }) fiscalYear!: number;
  @ApiProperty({ type: [DepartmentView] }) departments!: DepartmentView[];
}

export class PostView {
  @ApiProperty({ format: 'uuid' }) postId!: string;
  @ApiProperty({ enum: POST_KINDS }) kind!: PostKind;
  @ApiProperty({ example: '市民課長' }) title!: string;
  @ApiPropertyOptional({ format: 'uuid' }) departmentId?: string;
  @ApiPropertyOptional({ type: [String] }) sectionIds?: string[];
  @ApiProperty({ example: '2022-04-01' }) from!: string;
  @ApiPropertyOptional({ example: '2023-03-31', description: 'Last day held' }) until?: string;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '沢柳和彦' }) name!: string;
  @ApiProperty({ example: 'bucho' }) loginId!: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ description: '職員番号' }) employeeNumber?: string;
  @ApiProperty({ type: [PostView], description: 'Every post, past and future' }) posts!: PostView[];
}

export class PeopleView {
  @ApiProperty({ type: [PersonView] }) people!: PersonView[];
}

export class CreatedView {
  @ApiProperty({ format: 'uuid', description: 'The id of what was created' }) id!: string;
  @ApiProperty({ description: 'Revision of the directory stream after the change' }) revision!: number;
}

export class ChangedView {
  @ApiProperty({ description: 'Revision of the directory stream after the change' }) revision!: number;
}

export class AppointmentView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '山田花子' }) name!: string;
  @ApiProperty({ example: '012345', description: 'The 職員番号 for someone the roster registered' }) loginId!: string;
  @ApiPropertyOptional({ example: '012345' }) employeeNumber?: string;
  @ApiProperty({ description: 'Registered by this import (not known before)' }) registered!: boolean;
  @ApiProperty({ example: '市民課長', description: 'The post as the directory names it on its first day' })
  post!: string;
  @ApiProperty({ example: '2023-04-01', description: '発令日' }) from!: string;
}

export class RosterImportedView extends ChangedView {
  @ApiProperty({ description: 'How many appointments the roster made (rows already in force change nothing)' })
  appointed!: number;
  @ApiProperty({ type: [AppointmentView], description: 'Each appointment made, in the order of the file' })
  appointments!: AppointmentView[];
}

class Named extends WriteRequest {
  @ApiProperty({ example: '市民課' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: '2023-04-01', description: 'First day it holds (normally 4月1日)' })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  effectiveFrom!: string;
}

export class EstablishDepartmentRequest extends Named {
  @ApiPropertyOptional({ example: '総務部長', description: '職名 of its head; 〜部長 from the name when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  headTitle?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['総務課', '人事課'],
    description: 'Its sections, established with it',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  sections?: string[];
}

export class EstablishSectionRequest extends Named {}
export class RenameSectionRequest extends Named {}

export class RegisterPersonRequest extends WriteRequest {
  @ApiProperty({ example: '山田花子', description: '氏名' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: 'yamada-h', description: 'The login id tokens and sign-in name' })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'must be 1 to 100 letters, digits or . _ @ -' })
  loginId!: string;

  @ApiPropertyOptional({ example: 'yamada-h@example.lg.jp' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '012345', description: '職員番号' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'must be 1 to 20 letters or digits' })
  employeeNumber?: string;
}

export class AssignPostRequest extends WriteRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: POST_KINDS, description: '部長, 課長, 監査, 管理者, 庶務担当, 企画担当 (planning)' })
  @IsIn(POST_KINDS as PostKind[])
  kind!: PostKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'For departmentHead, sectionHead and clerk' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ type: [String], description: 'For sectionHead and clerk' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  sectionIds?: string[];

  @ApiProperty({ example: '2023-04-01', description: 'First day held' })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  from!: string;

  @ApiPropertyOptional({ example: '2024-03-31', description: 'Last day held; open-ended when left out' })
  @IsOptional()
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  until?: string;
}

export class EndPostRequest extends WriteRequest {
  @ApiProperty({ example: '2023-03-31', description: 'Last day held' })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  until!: string;
}
