import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POST_KINDS, PostKind } from '@goals/domain';

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
  @ApiPropertyOptional({ type: [String], description: 'Login ids the person had before; never given again' })
  previousLoginIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Set on a duplicate: the person it was merged into' })
  mergedInto?: string;
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
