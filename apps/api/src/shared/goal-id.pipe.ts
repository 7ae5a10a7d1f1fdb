import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '@goals/domain';

/** Ids in paths are UUIDs; anything else is a client's mistake, named as such. */
export const idParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      InvalidInput.of(
        field,
        'must be a UUID',
        `アドレスの${field}がID（UUID）の形ではありません。画面から開き直してください`,
      ),
  });
