import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldError, InvalidInput } from '@goals/domain';

/**
 * DTOs are checked with class-validator; unknown fields are refused rather than ignored, so a typo
 * in a field name never passes for a change that did not happen.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      // A command without fields may come with no body at all.
      if (value === undefined || value === null || value === '') value = {};
      if (typeof value !== 'object' || Array.isArray(value)) throw InvalidInput.of('(body)', 'must be a JSON object');
      const errors = topLevelErrors(value as Record<string, unknown>, metadata.metatype);
      if (errors.length) throw new InvalidInput(errors);
    }
    return super.transform(value, metadata);
  }
}

/**
 * class-validator's whitelist misses a key such as "prototype" (it is skipped when the body is
 * copied onto the DTO), and @IsOptional lets null through as if the field were left out: a null
 * would then reach the domain as a value. Both are checked here, on the body as sent.
 */
function topLevelErrors(body: Record<string, unknown>, metatype: ArgumentMetadata['metatype']): FieldError[] {
  const known = metatype && metatype !== Object ? fieldsOf(metatype) : undefined;
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (known && !known.has(field)) errors.push({ field, reason: 'is not a field of this request' });
    else if (value === null) errors.push({ field, reason: 'must not be null; leave the field out instead' });
  }
  return errors;
}

const fieldsByType = new WeakMap<object, ReadonlySet<string>>();

function fieldsOf(metatype: NonNullable<ArgumentMetadata['metatype']>): ReadonlySet<string> {
  let fields = fieldsByType.get(metatype);
  if (!fields) {
    fields = new Set(getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).map((m) => m.propertyName));
    fieldsByType.set(metatype, fields);
  }
  return fields;
}

export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInput(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      reason: rule === 'whitelistValidation' ? 'is not a field of this request' : message.replace(`${e.property} `, ''),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
