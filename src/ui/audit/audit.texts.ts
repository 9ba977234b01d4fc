import { pageTexts } from '../i18n/lang';

const nl = {
  title: 'Audit',
  verify: 'Controle van het register',
  verifyIntro: 'Controleert elke keten van gebeurtenissen en elk ondertekend checkpoint. Dat leest het hele register en kan even duren.',
  verifyNow: 'Controleer nu',
  ok: (events: number, streams: number, checkpoints: number) =>
    `In orde: ${events} gebeurtenissen in ${streams} stromen; elke keten klopt, en ${checkpoints} checkpoints zijn gecontroleerd.`,
  notOk: (n: number) => `Niet in orde: ${n} ${n === 1 ? 'probleem' : 'problemen'} gevonden.`,
  problemsHead: ['Positie', 'Stroom', 'Gebeurtenis', 'Probleem'],
  checkpoints: 'Checkpoints',
  checkpointsIntro:
    'Een checkpoint verzegelt het register: de positie, het aantal gebeurtenissen en één Merkle-root over alle stromen, ondertekend met de sleutel van het register. Bewaar checkpoints en de publieke sleutel buiten het register.',
  seal: 'Nu verzegelen',
  sealed: (position: string, events: number) => `Checkpoint gemaakt op positie ${position} (${events} gebeurtenissen). Bewaar een kopie buiten het register.`,
  latest: (n: number, of: number) => `De nieuwste ${n} van ${of}.`,
  checkpointsHead: ['Gemaakt', 'Positie', 'Gebeurtenissen', 'Stromen', 'Merkle-root'],
  noCheckpoints: 'Er is nog geen checkpoint.',
  publicKey: 'Publieke sleutel',
  publicKeyIntro: 'Hiermee controleert u elk checkpoint. Bewaar een kopie buiten het register.',
  download: 'Download de publieke sleutel (PEM)',
  replay: 'Terugspelen naar een moment doet u met de opdrachtregel:',
};

const en: typeof nl = {
  title: 'Audit',
  verify: 'Verifying the ledger',
  verifyIntro: 'Checks every chain of events and every signed checkpoint. It reads the whole ledger and may take a while.',
  verifyNow: 'Verify now',
  ok: (events: number, streams: number, checkpoints: number) =>
    `OK: ${events} events in ${streams} streams; every chain holds, and ${checkpoints} checkpoints were checked.`,
  notOk: (n: number) => `Not OK: ${n} ${n === 1 ? 'problem' : 'problems'} found.`,
  problemsHead: ['Position', 'Stream', 'Event', 'Problem'],
  checkpoints: 'Checkpoints',
  checkpointsIntro:
    'A checkpoint seals the ledger: the position, the number of events and one Merkle root over every stream, signed with the ledger’s key. Keep checkpoints and the public key outside the ledger.',
  seal: 'Seal now',
  sealed: (position: string, events: number) => `Checkpoint made at position ${position} (${events} events). Keep a copy outside the ledger.`,
  latest: (n: number, of: number) => `The newest ${n} of ${of}.`,
  checkpointsHead: ['Made', 'Position', 'Events', 'Streams', 'Merkle root'],
  noCheckpoints: 'There is no checkpoint yet.',
  publicKey: 'Public key',
  publicKeyIntro: 'It verifies every checkpoint. Keep a copy outside the ledger.',
  download: 'Download the public key (PEM)',
  replay: 'Replaying to a moment is done on the command line:',
};

export const auditTexts = pageTexts(nl, en);
