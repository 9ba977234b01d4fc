/**
 * The words of the parent's page (pupil-export.html.ts): the ledger's terms in plain Dutch. What
 * is not named here (a board's own purpose) shows as its id.
 */
export const PURPOSE_NL: Readonly<Record<string, string>> = {
  'photo-website': 'Foto’s en video van uw kind op de website van de school',
  'photo-newsletter': 'Foto’s van uw kind in de nieuwsbrief',
  'photo-class-page': 'Foto’s van uw kind op de klassenpagina in de ouder-app',
  'photo-social-media': 'Foto’s van uw kind op sociale media van de school',
  'video-promotional': 'Uw kind in een promotievideo van de school',
  'share-library': 'Naam en contactgegevens doorgeven aan de openbare bibliotheek',
  'share-printer': 'Naam en contactgegevens doorgeven aan een drukkerij (schoolfoto’s, jaarboek)',
  'external-expert-consultation': 'Uw kind bespreken met een deskundige van buiten de school',
  'dossier-request-third-party': 'Het dossier op verzoek aan een ander verstrekken',
  'religion-registration': 'Godsdienst of levensovertuiging vastleggen',
};

export const CATEGORY_NL: Readonly<Record<string, string>> = {
  identity: 'naam en identiteit',
  contact: 'contactgegevens',
  'school-results': 'schoolresultaten',
  health: 'gezondheid',
  religion: 'godsdienst',
  'photo-video': 'foto’s en video',
  'care-reports': 'zorgverslagen',
  'login-minimal': 'inloggegevens',
};

export const RELATION_NL: Readonly<Record<string, string>> = {
  parent: 'ouder',
  guardian: 'voogd',
  'foster-parent': 'pleegouder',
  other: 'verzorger',
};

export const STATUS_NL: Readonly<Record<string, string>> = {
  active: 'u heeft toestemming gegeven',
  conflicting: 'de ouders zijn het oneens — de school maakt er geen gebruik van',
  refused: 'geweigerd',
  withdrawn: 'ingetrokken',
  lapsed: 'verlopen aan het einde van het schooljaar',
  none: 'niets vastgelegd',
};

export const BASIS_NL: Readonly<Record<string, string>> = {
  consent: 'uw toestemming',
  legal_obligation: 'een wettelijke plicht',
  processor_agreement: 'een verwerkersovereenkomst (de ontvanger werkt in opdracht van de school)',
};

export const REASON_NL: Readonly<Record<string, string>> = {
  retention_expired: 'de bewaartermijn was voorbij',
  erasure_request: 'op verzoek',
};

/** A purpose in plain Dutch: a board's own purpose by the Dutch label it was defined with (`own`), a default one from PURPOSE_NL, else its id. */
export const purposeInDutch = (purpose: string, own: (purpose: string) => string | undefined = () => undefined): string =>
  own(purpose) ?? (Object.hasOwn(PURPOSE_NL, purpose) ? PURPOSE_NL[purpose] : purpose);

const purpose = (data: Record<string, unknown>, own?: (purpose: string) => string | undefined) =>
  typeof data.purpose === 'string' ? `: ${purposeInDutch(data.purpose, own).toLowerCase()}` : '';

/** A withdrawal's reason as the export revealed it: the parent's own words, or that they went with the dossier. */
const withdrawalReason = (reason: unknown): string => {
  if (typeof reason === 'string' && reason.trim()) return ` — reden: ${reason}`;
  if (reason && typeof reason === 'object' && 'shredded' in reason) return ' — de reden is vernietigd met het dossier';
  return '';
};

/** One recorded event as a sentence, without ids or hashes; `recipientName` names a sharing's recipient. */
export const eventNl = (
  type: string,
  data: Record<string, unknown>,
  recipientName: (id: string) => string,
  own?: (purpose: string) => string | undefined,
): string => {
  switch (type) {
    case 'PupilEnrolled':
      return 'Ingeschreven op school';
    case 'ConsentGiven':
      return `Toestemming gegeven${purpose(data, own)}`;
    case 'ConsentRefused':
      return `Toestemming geweigerd${purpose(data, own)}`;
    case 'ConsentWithdrawn':
      return `Toestemming ingetrokken${purpose(data, own)}${withdrawalReason(data.reason)}`;
    case 'ConsentExpired':
      return `Toestemming verlopen aan het einde van het schooljaar${purpose(data, own)}`;
    case 'DataShared':
      return `Gegevens gedeeld met ${recipientName(String(data.recipientId))}: ${((data.dataCategories as string[]) ?? []).map((c) => CATEGORY_NL[c] ?? c).join(', ')}`;
    case 'PupilLeft':
      return 'Van school gegaan';
    case 'DossierDestroyed':
      return `Dossier vernietigd (${REASON_NL[String(data.reason)] ?? String(data.reason)})`;
    default:
      return type;
  }
};
