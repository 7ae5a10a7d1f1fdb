import { Global, Module } from '@nestjs/common';
import { ReadModelQueries } from '@goals/read-models';
import { ListDepartmentsController, OrganisationAdminController } from './organisation.http.controller';
import { OrganisationDirectory } from './organisation-directory.service';
import { readModelSectionGoals } from './reorganisation/read-model.section-goals';
import { ReorganisationController } from './reorganisation/reorganisation.http.controller';
import { SECTION_GOALS } from './reorganisation/section-goals.port';
import { SectionLineageController } from './section-lineage/section-lineage.http.controller';

/**
 * The organisation: the event-sourced directory every other capability reads (who holds which post
 * on a day, the departments and sections of a year), its administration routes, 機構改革 and
 * lineage. Global, because authorisation, sheets, goals and the import all read it.
 */
@Global()
@Module({
  controllers: [
    ListDepartmentsController,
    OrganisationAdminController,
    ReorganisationController,
    SectionLineageController,
  ],
  providers: [
    OrganisationDirectory,
    { provide: SECTION_GOALS, inject: [ReadModelQueries], useFactory: readModelSectionGoals },
  ],
  exports: [OrganisationDirectory],
})
export class OrganisationModule {}
