import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { FieldError, InvalidInput, normaliseTypedText } from '@goals/domain';
import { labelOf } from './field-label';
import { PLAIN_TEXT_MESSAGES } from './plain-text.validator';
import { ruleReasonJa, TYPE_REASON_JA } from './validation-messages.ja';

/**
 * DTOs are checked with class-validator; unknown fields are refused rather than ignored, so a typo
 * in a field name never passes for a change that did not happen.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      // A command without fields may come with no body at all.
      if (value === undefined || value === null || value === '') value = {};
      if (typeof value !== 'object' || Array.isArray(value))
        throw InvalidInput.of('(body)', 'must be a JSON object', TYPE_REASON_JA.notAnObject);
      const errors = topLevelErrors(value as Record<string, unknown>, metadata.metatype);
      if (errors.length) throw new InvalidInput(errors);
      value = asTyped(value as Record<string, unknown>, metadata.metatype);
    }
    return super.transform(value, metadata);
  }
}

/**
 * class-validator's whitelist misses a key such as "prototype" (it is skipped when the body is
 * copied onto the DTO), and @IsOptional lets null through as if the field were left out: a null
 * would then reach the domain as a value. Both are checked here, on the body as sent.
 *
 * The type of every field is checked here too, before its other rules: class-validator runs the
 * rules bottom-up and would answer `deadlineMonth: "3"` with "must not be greater than 12", which
 * sends the user to fix the wrong thing. A field of the wrong type gets one reason: what it must be.
 */
function topLevelErrors(body: Record<string, unknown>, metatype: ArgumentMetadata['metatype']): FieldError[] {
  const rules = metatype && metatype !== Object ? rulesOf(metatype) : undefined;
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(body)) {
    const rule = rules?.get(field);
    if (rules && !rule)
      errors.push({ field, reason: 'is not a field of this request', ja: TYPE_REASON_JA.unknownField(field) });
    else if (value === null)
      errors.push({
        field,
        reason: rule?.type ? `${rule.type.reason}, not null` : 'must not be null',
        ja: TYPE_REASON_JA.notNull(rule?.type ? rule.type.ja : `${rule?.label.name ?? field}を指定してください`),
      });
    else if (rule?.type && !rule.type.accepts(value))
      errors.push({ field, reason: rule.type.reason, ja: rule.type.ja });
  }
  for (const [field, rule] of rules ?? []) {
    if (!rule.optional && body[field] === undefined && rule.type)
      errors.push({ field, reason: `is required; ${rule.type.reason}`, ja: TYPE_REASON_JA.required(rule.label) });
  }
  return errors;
}

/**
 * Text fields as pasted from Excel, made what the person meant before they are checked (the rule is
 * the domain's normaliseTypedText): tabs → spaces, ｶﾀｶﾅ → カタカナ, no trailing line break, and a
 * one-line field's lines joined.
 */
function asTyped(body: Record<string, unknown>, metatype: ArgumentMetadata['metatype']): Record<string, unknown> {
  const rules = metatype && metatype !== Object ? rulesOf(metatype) : undefined;
  if (!rules) return body;
  const typed = (v: unknown, multiline: boolean) => (typeof v === 'string' ? normaliseTypedText(v, { multiline }) : v);
  return Object.fromEntries(
    Object.entries(body).map(([field, v]) => {
      const text = rules.get(field)?.text;
      if (!text) return [field, v];
      return [field, Array.isArray(v) ? v.map((e) => typed(e, text.multiline)) : typed(v, text.multiline)];
    }),
  );
}

interface FieldRule {
  optional: boolean;
  /** A text people type (IsPlainText): normalised as pasted from Excel; `multiline` keeps its lines. */
  text?: { multiline: boolean };
  label: ReturnType<typeof labelOf>;
  /** `ja`: the same reason as a clerk reads it. */
  type?: { reason: string; ja: string; accepts(value: unknown): boolean };
}

const rulesByType = new WeakMap<object, ReadonlyMap<string, FieldRule>>();

function rulesOf(metatype: NonNullable<ArgumentMetadata['metatype']>): ReadonlyMap<string, FieldRule> {
  let rules = rulesByType.get(metatype);
  if (!rules) {
    const byField = new Map<string, ValidationMetadata[]>();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false))
      byField.set(m.propertyName, [...(byField.get(m.propertyName) ?? []), m]);
    rules = new Map(
      [...byField].map(([field, metadata]) => [field, ruleOf(metadata, labelOf(metatype.prototype as object, field))]),
    );
    rulesByType.set(metatype, rules);
  }
  return rules;
}

/** What the field must be, said the way a person fixing the request needs it ("an integer 1–12"). */
function ruleOf(metadata: ValidationMetadata[], label: FieldRule['label']): FieldRule {
  const rule = ruleByType(metadata, label);
  const plain = metadata.find(
    (m) => m.name === 'matches' && (PLAIN_TEXT_MESSAGES as readonly string[]).includes(m.message as string),
  );
  return plain ? { ...rule, text: { multiline: plain.message === PLAIN_TEXT_MESSAGES[1] } } : rule;
}

function ruleByType(metadata: ValidationMetadata[], label: FieldRule['label']): FieldRule {
  const optional = metadata.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
  const named = (name: string, each = false) => metadata.find((m) => m.name === name && !!m.each === each);
  // A DTO may say it better ("a list of section names"); class-validator's own messages are functions.
  const custom = (m: ValidationMetadata | undefined) => (typeof m?.message === 'string' ? m.message : undefined);
  const isText = (v: unknown) => typeof v === 'string';
  const string = named('isString');
  if (string)
    return {
      optional,
      label,
      type: { reason: custom(string) ?? 'must be text', ja: TYPE_REASON_JA.text(label), accepts: isText },
    };
  const int = named('isInt');
  if (int) {
    const [min, max] = [
      named('min')?.constraints[0] as number | undefined,
      named('max')?.constraints[0] as number | undefined,
    ];
    const range = min !== undefined && max !== undefined && max < Number.MAX_SAFE_INTEGER ? ` ${min}–${max}` : '';
    const reason =
      custom(int) ?? (min === 0 && !range ? 'must be a whole number, 0 or more' : `must be an integer${range}`);
    const ja = TYPE_REASON_JA.integer(label, min, range ? max : undefined);
    return { optional, label, type: { reason, ja, accepts: (v) => typeof v === 'number' && Number.isInteger(v) } };
  }
  const array = named('isArray');
  if (array) {
    // Elements of the wrong type make the whole field the wrong type: "a list of section names" says both.
    const elements = named('isString', true) || named('isUUID', true) ? isText : () => true;
    const reason = custom(array) ?? 'must be a list';
    const ja = ruleReasonJa(array, label, undefined) ?? TYPE_REASON_JA.list(label);
    return { optional, label, type: { reason, ja, accepts: (v) => Array.isArray(v) && v.every(elements) } };
  }
  return { optional, label };
}
export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The DTO (its labels) and the value (「現在4,000字」) make the Japanese reason; neither is sent back.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new InvalidInput(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]): FieldError => {
      if (rule === 'whitelistValidation')
        return { field, reason: 'is not a field of this request', ja: TYPE_REASON_JA.unknownField(field) };
      const ja = reasonJa(e, rule, message);
      return { field, reason: reasonOf(message, e.property), ...(ja ? { ja } : {}) };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The Japanese of the rule that failed, found by the rule's name in the DTO's own metadata. */
function reasonJa(e: ValidationError, rule: string, message: string): string | undefined {
  const target = e.target as object | undefined;
  if (!target) return undefined;
  const label = labelOf(Object.getPrototypeOf(target) as object, e.property);
  const candidates = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .filter((m) => m.propertyName === e.property && m.name === rule);
  // Two rules of one kind on a field (two `matches`) are told apart by the message they gave.
  const metadata =
    candidates.find((m) => typeof m.message === 'string' && message.endsWith(m.message)) ?? candidates[0];
  return metadata && ruleReasonJa(metadata, label, e.value);
}

/** Every rule of a DTO, for the test that makes sure each one has its Japanese. */
export function validationRulesOf(dto: new () => object): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
}

/** class-validator's messages start with the property name ("each value in sections must …"); the field is named apart. */
function reasonOf(message: string, property: string): string {
  if (message.startsWith(`each value in ${property} `))
    return `each entry ${message.slice(`each value in ${property} `.length)}`;
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
