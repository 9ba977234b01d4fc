import { Module } from '@nestjs/common';
import { LedgerConfig } from '../config/ledger-config';
import { SchoolRegister } from './school-register';

/** The register of schools (board and names), read once from the file the configuration names. */
@Module({
  providers: [{ provide: SchoolRegister, inject: [LedgerConfig], useFactory: (config: LedgerConfig) => SchoolRegister.load(config.schoolsFile) }],
  exports: [SchoolRegister],
})
export class SchoolsModule {}
