import { Global, Module } from '@nestjs/common';
import { ReadModelQueries } from '@goals/read-models';
import { AbolishDepartmentController } from './abolish-department/abolish-department.http.controller';
import { AbolishSectionController } from './abolish-section/abolish-section.http.controller';
import { AssignPostController } from './assign-post/assign-post.http.controller';
import { ChangeDirectoryHandler } from './change-directory.command';
import { EndPostController } from './end-post/end-post.http.controller';
import { EstablishDepartmentController } from './establish-department/establish-department.http.controller';
import { EstablishSectionController } from './establish-section/establish-section.http.controller';
import { ExportRosterController } from './export-roster/export-roster.http.controller';
import { ImportRosterController } from './import-roster/import-roster.http.controller';
import { ListDepartmentsController } from './list-departments/list-departments.http.controller';
import { ListPeopleController } from './list-people/list-people.http.controller';
import { MergeSectionsController } from './merge-sections/merge-sections.http.controller';
import { MoveSectionController } from './move-section/move-section.http.controller';
import { OrganisationDirectory } from './organisation-directory.service';
import { RegisterPersonController } from './register-person/register-person.http.controller';
import { ChangeLoginIdController } from './change-login-id/change-login-id.http.controller';
import { MergePersonController } from './merge-person/merge-person.http.controller';
import { RenameDepartmentController } from './rename-department/rename-department.http.controller';
import { RenameSectionController } from './rename-section/rename-section.http.controller';
import { readModelSectionGoals } from './reorganisation/read-model.section-goals';
import { ReorganiseHandler } from './reorganisation/reorganise.command';
import { SECTION_GOALS } from './reorganisation/section-goals.port';
import { SectionLineageController } from './section-lineage/section-lineage.http.controller';
import { SplitSectionController } from './split-section/split-section.http.controller';

/**
 * The organisation: the event-sourced directory every other capability reads (who holds which post
 * on a day, the departments and sections of a year), its administration routes, 機構改革 and
 * lineage — a folder per use case. Global, because authorisation, sheets, goals and the import all
 * read it; it imports no other capability.
 */
@Global()
@Module({
  controllers: [
    ListDepartmentsController,
    ImportRosterController,
    ExportRosterController,
    ListPeopleController,
    EstablishDepartmentController,
    EstablishSectionController,
    RenameSectionController,
    RegisterPersonController,
    ChangeLoginIdController,
    MergePersonController,
    AssignPostController,
    EndPostController,
    RenameDepartmentController,
    AbolishDepartmentController,
    MoveSectionController,
    MergeSectionsController,
    SplitSectionController,
    AbolishSectionController,
    SectionLineageController,
  ],
  providers: [
    OrganisationDirectory,
    ChangeDirectoryHandler,
    ReorganiseHandler,
    { provide: SECTION_GOALS, inject: [ReadModelQueries], useFactory: readModelSectionGoals },
  ],
  exports: [OrganisationDirectory],
})
export class OrganisationModule {}
