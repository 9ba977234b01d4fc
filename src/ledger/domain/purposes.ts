import { refuse } from './errors';

export const DATA_CATEGORIES = ['identity', 'contact', 'school-results', 'health', 'religion', 'photo-video', 'care-reports', 'login-minimal'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Special categories (AVG art. 9) leave the school only on a legal obligation or explicit consent. */
export const SPECIAL_CATEGORIES: readonly DataCategory[] = ['health', 'religion'];

export interface Purpose {
  readonly purpose: string;
  readonly description: string;
  /** Yearly purposes lapse at the end of the school year in which they were given. */
  readonly yearly: boolean;
  readonly dataCategories: readonly DataCategory[];
  /** A board's own purpose is named in both languages of the pages; the defaults' names are in the pages' texts. */
  readonly labels?: PurposeLabels;
}

export interface PurposeLabels {
  readonly nl: string;
  readonly en: string;
}

const photo = (purpose: string, description: string): Purpose => ({
  purpose,
  description,
  yearly: true,
  dataCategories: ['photo-video'],
});

/** The purposes the seeds' consent forms ask about; a board's own catalogue extends this list. */
export const DEFAULT_PURPOSES: readonly Purpose[] = [
  photo('photo-website', 'Photos and video of the pupil on the school website'),
  photo('photo-newsletter', 'Photos of the pupil in the newsletter'),
  photo('photo-class-page', 'Photos of the pupil on the class page of the parent app'),
  photo('photo-social-media', "Photos of the pupil on the school's social media"),
  photo('video-promotional', 'The pupil in promotional video of the school'),
  {
    purpose: 'share-library',
    description: 'Sharing name and contact details with the public library',
    yearly: false,
    dataCategories: ['identity', 'contact'],
  },
  {
    purpose: 'share-printer',
    description: 'Sharing name and contact details with a printer (e.g. school photos, yearbook)',
    yearly: false,
    dataCategories: ['identity', 'contact'],
  },
  {
    purpose: 'external-expert-consultation',
    description: 'Discussing the pupil with an external expert',
    yearly: false,
    dataCategories: ['identity', 'school-results', 'health', 'care-reports'],
  },
  {
    purpose: 'dossier-request-third-party',
    description: "Providing the pupil's dossier to a third party on request",
    yearly: false,
    dataCategories: ['identity', 'school-results', 'care-reports'],
  },
  {
    purpose: 'religion-registration',
    description: "Registering the pupil's religion",
    yearly: false,
    dataCategories: ['religion'],
  },
];

export type PurposeCatalogue = ReadonlyMap<string, Purpose>;

export const catalogueOf = (purposes: readonly Purpose[]): PurposeCatalogue => new Map(purposes.map((p) => [p.purpose, p]));

export const DEFAULT_CATALOGUE = catalogueOf(DEFAULT_PURPOSES);

/**
 * A purpose outside the catalogue is bad input, whatever route names it: 400 `VALIDATION.INVALID`
 * naming `field` and listing the purposes this catalogue knows (DESIGN: errors, "an unknown purpose").
 * @throws DomainError VALIDATION.INVALID
 */
export const mustKnowPurpose = (catalogue: PurposeCatalogue, purpose: string, field = 'purpose'): Purpose =>
  catalogue.get(purpose) ??
  refuse('VALIDATION.INVALID', `purpose ${purpose} is not in the catalogue`, [{ field, problem: `must be one of: ${[...catalogue.keys()].join(', ')}` }]);
