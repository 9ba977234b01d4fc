import { pageTexts } from '../i18n/lang';

const nl = {
  title: 'Overzicht voor de medezeggenschapsraad',
  explanation: (asOf: string) =>
    `Dit overzicht toont nooit een leerling. Zodat niemand een gezin kan herkennen, zijn aantallen van 1 tot en met 4 verborgen en zijn alle andere aantallen afgerond op een veelvoud van 5; percentages zijn berekend uit de afgeronde aantallen, en verborgen waar ze een klein aantal zouden verraden. De cijfers beslaan hele schooljaren en tellen wat vóór ${asOf} was gebeurd en vastgelegd.`,
  years: (years: string) => `Schooljaren: ${years}.`,
  rates: 'Toestemming per doel',
  ratesLabel: 'Heatmap: per school en doel het deel van de leerlingen met geldige toestemming; verborgen vakjes zijn grijs.',
  ratesCaption: 'Deel van de leerlingen met geldige toestemming, per school en doel, afgerond. Grijs: verborgen of geen leerlingen.',
  rateLegend: 'toestemming (%)',
  ratesHead: ['School', 'Schooljaar', 'Doel', 'Leerlingen', 'Met toestemming', 'Percentage'],
  decisions: 'Weigeringen en intrekkingen',
  decisionsLabel: 'Staafdiagram: weigeringen en intrekkingen per schooljaar, afgerond.',
  decisionsCaption:
    'Weigeringen en intrekkingen per schooljaar, opgeteld over de getoonde (afgeronde) aantallen; „+ verborgen” betekent dat er kleine aantallen bij komen die niet worden getoond.',
  refusals: 'weigeringen',
  withdrawals: 'intrekkingen',
  decisionsHead: ['School', 'Schooljaar', 'Doel', 'Soort', 'Aantal'],
  sharings: 'Gedeelde gegevens per grondslag en ontvanger',
  sharingsLabel: 'Staafdiagram: aantal keer gedeeld per ontvanger, naar grondslag, afgerond.',
  sharingsCaption: 'Hoe vaak gegevens naar elke ontvanger gingen, naar grondslag, afgerond.',
  sharingsHead: ['School', 'Ontvanger', 'Grondslag', 'Aantal'],
  destructions: 'Dossiervernietiging',
  destructionsHead: ['Wat', 'Aantal'],
  destroyedRetention: 'Vernietigd na afloop van de bewaartermijn',
  destroyedErasure: 'Vernietigd op verzoek',
  due: 'Binnen 90 dagen te vernietigen',
  overdue: 'Over de bewaartermijn',
};

const en: typeof nl = {
  title: 'Works council overview',
  explanation: (asOf: string) =>
    `This overview never shows a pupil. So that no one can recognise a family, counts from 1 to 4 are hidden and every other count is rounded to a multiple of 5; rates are computed from the rounded counts, and hidden where they would give a small count away. The figures cover whole school years and count what had happened and was recorded before ${asOf}.`,
  years: (years: string) => `School years: ${years}.`,
  rates: 'Consent per purpose',
  ratesLabel: 'Heatmap: per school and purpose the share of pupils with consent in force; hidden cells are grey.',
  ratesCaption: 'Share of pupils with consent in force, per school and purpose, rounded. Grey: hidden or no pupils.',
  rateLegend: 'consent (%)',
  ratesHead: ['School', 'School year', 'Purpose', 'Pupils', 'With consent', 'Rate'],
  decisions: 'Refusals and withdrawals',
  decisionsLabel: 'Bar chart: refusals and withdrawals per school year, rounded.',
  decisionsCaption: 'Refusals and withdrawals per school year, summed over the (rounded) counts shown; “+ hidden” means small counts not shown come on top.',
  refusals: 'refusals',
  withdrawals: 'withdrawals',
  decisionsHead: ['School', 'School year', 'Purpose', 'Kind', 'Count'],
  sharings: 'Data shared by legal basis and recipient',
  sharingsLabel: 'Bar chart: sharings per recipient, by legal basis, rounded.',
  sharingsCaption: 'How often data went to each recipient, by legal basis, rounded.',
  sharingsHead: ['School', 'Recipient', 'Legal basis', 'Count'],
  destructions: 'Dossier destruction',
  destructionsHead: ['What', 'Count'],
  destroyedRetention: 'Destroyed after the retention period',
  destroyedErasure: 'Destroyed on request',
  due: 'To destroy within 90 days',
  overdue: 'Past the retention period',
};

export const worksCouncilTexts = pageTexts(nl, en);
