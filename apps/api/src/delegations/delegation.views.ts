import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One 代決 as the head, the administrator and the delegate see it. */
export class DelegationView {
  @ApiProperty() delegationId!: string;
  @ApiProperty({ description: 'the department’s name on the day it was granted' }) department!: string;
  @ApiProperty({ description: 'the department’s id: its delegations follow it through a rename' })
  departmentId!: string;
  @ApiProperty({ description: 'login id of the department head who delegated' }) delegatedBy!: string;
  @ApiProperty({ description: 'login id of the person who decides in their stead' }) delegate!: string;
  @ApiProperty({ description: 'first day, YYYY-MM-DD (Asia/Tokyo)' }) from!: string;
  @ApiProperty({ description: 'last day as granted, YYYY-MM-DD' }) until!: string;
  @ApiPropertyOptional({ description: 'the day it was revoked, from which it is no longer in force' })
  revokedOn?: string;
  @ApiPropertyOptional({ description: 'the last day it is in force, after any revoking' }) lastDay?: string;
  @ApiProperty({ description: 'in force today' }) inForce!: boolean;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({
    type: [String],
    enum: ['approve', 'return', 'confirm'],
    description: 'the decisions delegated; all three (承認, 差戻し, 実績確認) when absent',
  })
  decisions?: string[];
}

export class DelegationListView {
  @ApiProperty({ description: 'today, YYYY-MM-DD (Asia/Tokyo)' }) today!: string;
  @ApiProperty({ type: [DelegationView], description: 'delegations in force today or later, earliest first' })
  items!: DelegationView[];
}

export class DelegationWriteView {
  @ApiProperty() delegationId!: string;
  @ApiProperty({ description: 'the department’s name today' }) department!: string;
  @ApiProperty() departmentId!: string;
  @ApiProperty({ description: 'revision of the department’s delegation stream' }) revision!: number;
}

class FieldErrorView {
  @ApiProperty() field!: string;
  @ApiProperty() reason!: string;
}

/** RFC 9457 problem details, as every refusal is answered (application/problem+json). */
export class ProblemView {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: '400: what to fix, field by field' })
  errors?: FieldErrorView[];
  @ApiPropertyOptional({ description: '403: the rule that refused it' }) rule?: string;
  @ApiPropertyOptional({ description: '409: where things stand' }) state?: string;
}
