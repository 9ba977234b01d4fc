import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { langOf, textsOf } from '../i18n/lang';
import { PurposeCatalogueProvider } from '../../catalogue/purpose-catalogue';
import { SchoolRegister } from '../../schools/school-register';
import type { PageSession } from '../session/page-session';
import { UiSessions } from '../session/ui-sessions';
import type { PageContext } from './page-context';
import { renderPage } from './render';

/** What every page controller needs: the context a page is rendered with, and sending it. */
@Injectable()
export class PageKit {
  constructor(
    private readonly sessions: UiSessions,
    private readonly register: SchoolRegister,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  context(req: FastifyRequest, session: PageSession | null): PageContext {
    const lang = langOf(req.query);
    return {
      lang,
      t: textsOf(lang),
      url: req.url,
      session,
      formToken: session ? this.sessions.formToken(session) : '',
      schoolName: (id) => this.register.name(id),
      purposes: [...this.catalogue.current().values()],
    };
  }

  /**
   * Sends a page. Its referrer policy is `same-origin` rather than the ledger's `no-referrer`: under
   * `no-referrer` a browser sends a form's `Origin` as "null", and the pages' forms prove where they
   * come from by it (same-origin.ts). Other sites still get no referrer at all.
   */
  async send(reply: FastifyReply, page: VNode, status = 200): Promise<void> {
    await reply.status(status).header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(renderPage(page));
  }
}
