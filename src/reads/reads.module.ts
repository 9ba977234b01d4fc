import { Module } from '@nestjs/common';
import { ListReadsController } from './list-reads/list-reads.controller';
import { PersonalDataReads } from './personal-data-reads';

/** Who read a pupil's personal data, and when: recorded by the queries that decrypt it, listed by `GET …/reads`. */
@Module({
  controllers: [ListReadsController],
  providers: [PersonalDataReads],
  exports: [PersonalDataReads],
})
export class ReadsModule {}
