import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { QueriesModule } from '../queries/queries.module';
import { SchoolsModule } from '../schools/schools.module';
import { UI_PAGES } from './ui-pages';

/** What the pages read through besides the query services: the keys (login) and the audit trail, each made once by the application module. */
export interface PageSources {
  readonly auth: DynamicModule;
  readonly audit: DynamicModule;
}

/** The pages under /ui/, reading through the API's query services, its roles and its audit trail. */
@Module({})
export class UiModule {
  static with(sources: PageSources): DynamicModule {
    return {
      module: UiModule,
      imports: [sources.auth, sources.audit, CatalogueModule, QueriesModule, SchoolsModule],
      controllers: UI_PAGES.controllers,
      providers: UI_PAGES.providers,
    };
  }
}
