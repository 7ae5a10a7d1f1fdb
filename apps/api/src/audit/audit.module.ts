import { Module } from '@nestjs/common';
import { GetAuditTrailController } from './get-audit-trail/get-audit-trail.http.controller';
import { SecurityEventsController } from './security-events/security-events.http.controller';
import { StreamEventsController } from './stream-events/stream-events.http.controller';
import { StoreVerifier } from './verify-store/store-verifier';
import { VerifyStoreController } from './verify-store/verify-store.http.controller';

/** The auditor's tools: the trail of changes, the raw event log, the hash-chain check, the
 * sign-in security events. */
@Module({
  controllers: [GetAuditTrailController, StreamEventsController, VerifyStoreController, SecurityEventsController],
  providers: [StoreVerifier],
  // 公表's verify page asks the same verifier, so its checkpoint serves both.
  exports: [StoreVerifier],
})
export class AuditModule {}
