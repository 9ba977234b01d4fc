import { pageTexts } from '../i18n/lang';

const nl = {
  title: 'Groepsfoto-check',
  intro: 'Mag deze foto, of dit gebruik, voor alle leerlingen die erop staan? Kies het doel en geef de leerlingnummers van de klas. De check legt niets vast.',
  purpose: 'Doel',
  pupils: 'Leerlingnummers',
  pupilsHint: 'Eén per regel, of gescheiden door spaties of komma’s (hoogstens 200).',
  at: 'Op moment',
  atHint: 'Nederlandse tijd; leeg laten is nu.',
  check: 'Controleer',
  result: 'Uitkomst',
  allowed: (n: number, purpose: string) => `Ja: alle ${n} leerlingen hebben geldige toestemming voor „${purpose}”.`,
  notAllowed: (k: number, n: number, purpose: string) =>
    `Nee: ${k} van de ${n} leerlingen ${k === 1 ? 'heeft' : 'hebben'} geen geldige toestemming voor „${purpose}”. Laat hen weg of maak hen onherkenbaar.`,
  checkedAt: (at: string) => `Gecontroleerd voor ${at}.`,
  head: ['Leerling', 'Mag het?', 'Stand', 'Waarom', 'Bewijs (gebeurtenissen)'],
  why: {
    active: 'Er is toestemming en niemand zegt nee.',
    conflicting: 'De ouders zijn het oneens; dan mag niets op de toestemming steunen.',
    refused: 'De toestemming is geweigerd.',
    withdrawn: 'De toestemming is ingetrokken.',
    lapsed: 'De toestemming gold voor een eerder schooljaar en is verlopen.',
    none: 'Er is niets vastgelegd; zwijgen is geen toestemming.',
    unknown_pupil: 'Het register kent deze leerling niet (bij uw scholen).',
    destroyed: 'Het dossier van deze leerling is vernietigd.',
  } as Record<string, string>,
  tooMany: 'Geef hoogstens 200 leerlingnummers.',
  noPupils: 'Geef ten minste één leerlingnummer.',
  badIds: (ids: string) => `Dit zijn geen leerlingnummers: ${ids}`,
};

const en: typeof nl = {
  title: 'Group-photo check',
  intro: 'May this photo, or this use, go ahead for every pupil in it? Choose the purpose and give the class’s pupil numbers. The check records nothing.',
  purpose: 'Purpose',
  pupils: 'Pupil numbers',
  pupilsHint: 'One per line, or separated by spaces or commas (at most 200).',
  at: 'At',
  atHint: 'Dutch time; leave empty for now.',
  check: 'Check',
  result: 'Result',
  allowed: (n: number, purpose: string) => `Yes: all ${n} pupils have consent in force for “${purpose}”.`,
  notAllowed: (k: number, n: number, purpose: string) =>
    `No: ${k} of the ${n} pupils ${k === 1 ? 'has' : 'have'} no consent in force for “${purpose}”. Leave them out or make them unrecognisable.`,
  checkedAt: (at: string) => `Checked for ${at}.`,
  head: ['Pupil', 'Allowed?', 'Status', 'Why', 'Proof (events)'],
  why: {
    active: 'There is consent and no one says no.',
    conflicting: 'The guardians disagree; nothing may rely on the consent then.',
    refused: 'Consent was refused.',
    withdrawn: 'Consent was withdrawn.',
    lapsed: 'The consent was for an earlier school year and has lapsed.',
    none: 'Nothing is recorded; silence is not consent.',
    unknown_pupil: 'The ledger does not know this pupil (at your schools).',
    destroyed: 'This pupil’s dossier was destroyed.',
  },
  tooMany: 'Give at most 200 pupil numbers.',
  noPupils: 'Give at least one pupil number.',
  badIds: (ids: string) => `These are not pupil numbers: ${ids}`,
};

export const groupPhotoTexts = pageTexts(nl, en);
