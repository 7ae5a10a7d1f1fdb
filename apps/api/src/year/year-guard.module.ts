import { Global, Module } from '@nestjs/common';
import { CLOSED_YEAR } from '../sheets/closed-year.port';
import { YearGuard } from './year-guard.service';

/** The ClosedYear port for goals and sheets, implemented here by the year's owner; global, like the organisation. */
@Global()
@Module({ providers: [{ provide: CLOSED_YEAR, useClass: YearGuard }], exports: [CLOSED_YEAR] })
export class YearGuardModule {}
