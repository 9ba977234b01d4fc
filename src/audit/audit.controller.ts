import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.guard';
import { ACCESS } from '../auth/roles';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Every chain and every signed checkpoint; names each bad event and what is wrong with it. */
  @Get('verify')
  @Allow(ACCESS.audit)
  verify() {
    return this.audit.verify();
  }

  /** Seals the log now (it is also sealed on a schedule and at shutdown). Records no event. */
  @Post('checkpoints')
  @HttpCode(201)
  @Allow(ACCESS.seal)
  checkpoint() {
    return this.audit.seal();
  }

  @Get('checkpoints')
  @Allow(ACCESS.audit)
  async checkpoints() {
    return { checkpoints: await this.audit.trail.checkpoints() };
  }

  /** The key that verifies every checkpoint: keep a copy outside the ledger. */
  @Get('public-key')
  @Allow(ACCESS.audit)
  @Header('content-type', 'application/x-pem-file')
  publicKey() {
    return this.audit.publicKeyPem;
  }
}
