import { Global, Module } from '@nestjs/common';
import { ListDepartmentsController, OrganisationAdminController } from './organisation.http.controller';
import { OrganisationDirectory } from './organisation-directory.service';

/**
 * The organisation: the event-sourced directory every other capability reads (who holds which post
 * on a day, the departments and sections of a year), and its administration routes. Global, because
 * authorisation, sheets, goals and the import all read it.
 */
@Global()
@Module({
  controllers: [ListDepartmentsController, OrganisationAdminController],
  providers: [OrganisationDirectory],
  exports: [OrganisationDirectory],
})
export class OrganisationModule {}
