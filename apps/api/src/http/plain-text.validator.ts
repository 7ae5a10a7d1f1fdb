import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidationOptions } from 'class-validator';
import { TEXT_LIMITS } from '@goals/domain';
import { Label } from './field-label';

/**
 * Texts are typed by people and printed on the sheet: control characters in them are invisible on
 * screen, break the tab-separated export, and are never what the user meant. Line breaks are fine
 * in the long columns (達成水準, 方法, reasons and comments), nowhere else.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
const LINES = /^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/;

/** The messages of IsPlainText, one-line then multiline: the validation pipe finds the text fields by them. */
export const PLAIN_TEXT_MESSAGES = [
  'must be one line without control characters',
  'must not contain control characters other than line breaks',
] as const;

export function IsPlainText(
  options: { multiline?: boolean } & Pick<ValidationOptions, 'each'> = {},
): PropertyDecorator {
  return Matches(options.multiline ? LINES : ONE_LINE, {
    each: options.each,
    message: options.multiline ? PLAIN_TEXT_MESSAGES[1] : PLAIN_TEXT_MESSAGES[0],
  });
}

/** A name or a required text made of spaces (full-width ones included) would print as an empty cell. */
export function IsNotBlank(): PropertyDecorator {
  return Matches(/\S/, { message: 'must not be blank' });
}

/**
 * A reason a person gives (returning a goal, amending it): required, readable, of bounded length.
 * `label` names it on screen: 「差戻しの理由を入力してください」.
 */
export function IsReason(description: string, label = '理由'): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description }),
    Label(label),
    IsString(),
    IsNotEmpty(),
    MaxLength(TEXT_LIMITS.reason),
    IsPlainText({ multiline: true }),
    IsNotBlank(),
  );
}
