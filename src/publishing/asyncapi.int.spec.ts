import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUPIL_EVENT_TYPES } from '../pupils/domain/pupil-events';
import { RECIPIENT_EVENT_TYPES } from '../recipients/domain/recipient-events';
import { CATALOGUE_EVENT_TYPES } from '../catalogue/domain/catalogue-events';
import { toIntegrationEvent } from './domain/integration-event';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'asyncapi.yaml'), 'utf8');

describe('the AsyncAPI document of the topic', () => {
  it('is a valid AsyncAPI 3 document', async () => {
    const { document, diagnostics } = await new Parser().parse(doc);
    expect(diagnostics.filter((d) => Number(d.severity) === 0 /* DiagnosticSeverity.Error */).map((d) => d.message)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('describes a message for every integration event the relay can publish', async () => {
    const { document } = await new Parser().parse(doc);
    const names = new Set(
      document!
        .allMessages()
        .all()
        .map((m) => m.name()),
    );
    const published = [...PUPIL_EVENT_TYPES, ...RECIPIENT_EVENT_TYPES, ...CATALOGUE_EVENT_TYPES].map(
      (type) =>
        toIntegrationEvent({
          eventId: 'e',
          type,
          stream: 's',
          revision: 0,
          position: '1',
          occurredAt: '2026-01-01T00:00:00.000Z',
          recordedAt: '2026-01-01T00:00:00.000Z',
          metadata: {
            schemaVersion: 1,
            actor: { id: 'a', role: 'registrar' },
            schoolId: 's',
            correlationId: 'c',
            causationId: null,
            idempotencyKeySha256: null,
          },
          data: {},
        }).type,
    );
    expect([...names].sort()).toEqual([...new Set(published)].sort());
  });
});
