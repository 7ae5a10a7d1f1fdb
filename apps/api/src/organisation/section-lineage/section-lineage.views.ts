import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SectionView } from '../organisation.views';

export class LineageStepView {
  @ApiProperty({ format: 'uuid' }) sectionId!: string;
  @ApiProperty({
    example: '市民経済課',
    description: 'Its name on the day: the last a predecessor had, the first a successor has',
  })
  name!: string;
  @ApiPropertyOptional({ format: 'uuid' }) departmentId?: string;
  @ApiPropertyOptional({ example: '市民生活部' }) department?: string;
  @ApiProperty({ enum: ['merged', 'split'] }) change!: 'merged' | 'split';
  @ApiProperty({ example: '2024-04-01' }) effectiveFrom!: string;
  @ApiPropertyOptional({ example: '令和6年度機構改革' }) reason?: string;
}

class NameFromView {
  @ApiProperty({ example: '2019-04-01' }) from!: string;
  @ApiProperty({ example: '市民課' }) name!: string;
}

class DepartmentFromView {
  @ApiProperty({ example: '2019-04-01' }) from!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ example: '市民生活部' }) name!: string;
}

class CarriedInYearView {
  @ApiProperty({ example: 2024 }) fiscalYear!: number;
  @ApiProperty({
    type: [SectionView],
    description:
      'The sections that carry its work in that year: itself while it exists, else its successors ' +
      '(through every later merge or split); empty when it was abolished with none',
  })
  sections!: SectionView[];
}

export class SectionLineageView {
  @ApiProperty({ format: 'uuid' }) sectionId!: string;
  @ApiProperty({ example: '2019-04-01' }) establishedFrom!: string;
  @ApiPropertyOptional({ example: '2024-04-01', description: 'The first day it no longer exists' })
  abolishedFrom?: string;
  @ApiProperty({ type: [NameFromView], description: 'Every name it has had, oldest first' }) names!: NameFromView[];
  @ApiProperty({ type: [DepartmentFromView], description: 'The departments it belonged to, oldest first' })
  departments!: DepartmentFromView[];
  @ApiProperty({ type: [LineageStepView], description: 'Where its work came from (merges and splits)' })
  predecessors!: LineageStepView[];
  @ApiProperty({ type: [LineageStepView], description: 'Where its work went (merges and splits)' })
  successors!: LineageStepView[];
  @ApiPropertyOptional({ type: CarriedInYearView, description: 'With ?fiscalYear=: who carries its work that year' })
  carriedIn?: CarriedInYearView;
}
