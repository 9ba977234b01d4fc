import { Module } from '@nestjs/common';
import { PupilsModule } from '../pupils/pupils.module';
import { DataSharing } from './data-sharing';
import { ShareDataController } from './share-data/share-data.controller';
import { ShareDataHandler } from './share-data/share-data.command';

/** Data sharings with a recipient, written to the recipient's and every pupil's stream at once. */
@Module({
  imports: [PupilsModule],
  controllers: [ShareDataController],
  providers: [DataSharing, ShareDataHandler],
})
export class SharingModule {}
