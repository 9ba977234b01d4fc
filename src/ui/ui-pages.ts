import fastifyCookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { LedgerConfig } from '../config/ledger-config';
import { DataDirectory } from '../store/data-directory';
import { AuditPageController } from './audit/audit-page.controller';
import { BoardController } from './board/board.controller';
import { ChartRenderer } from './charts/render-chart';
import { GroupPhotoController } from './group-photo/group-photo.controller';
import { HomeController } from './home/home.controller';
import { href, langOf } from './i18n/lang';
import { HOME } from './paths';
import { PageKit } from './html/page-kit';
import { LoginController } from './login/login.controller';
import { PupilController } from './pupil/pupil.controller';
import { ReportPages } from './report-page';
import { WorksCouncilController } from './works-council/works-council.controller';
import { SESSION_SECRET, sessionSecret } from './session/session-secret';
import { PageGuard } from './session/page.guard';
import { UiSessions } from './session/ui-sessions';

/**
 * The pages under /ui/ (DESIGN, "Beyond contract v1"): server-rendered HTML for people, reading
 * through the same query services and roles as the API, kept out of the API's OpenAPI document.
 * Their controllers and providers make the pages' module (ui.module.ts).
 */
export const UI_PAGES = {
  controllers: [LoginController, HomeController, BoardController, WorksCouncilController, PupilController, GroupPhotoController, AuditPageController],
  providers: [
    UiSessions,
    PageGuard,
    PageKit,
    ChartRenderer,
    ReportPages,
    // The data directory is checked and made before the secret is written into it.
    { provide: SESSION_SECRET, inject: [LedgerConfig, DataDirectory], useFactory: (config: LedgerConfig) => sessionSecret(config) },
  ],
};

/**
 * The cookie plugin with the session secret: it signs and reads the pages' session cookie. And
 * `/ui/`, where a reader types their way in: Nest cannot route a path that ends in a slash, so
 * Fastify answers it, sending the reader on to the home page.
 */
export const registerPages = async (app: NestFastifyApplication): Promise<void> => {
  await app.register(fastifyCookie, { secret: app.get<string>(SESSION_SECRET) });
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.get('/ui/', (req, reply) => reply.redirect(href(langOf(req.query), HOME), 302));
};
