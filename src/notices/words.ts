/**
 * What notices say, in each language Warden has words for: the shipped
 * templates (one per reason code and language, which an approved
 * set_notice_template replaces), and the fixed phrases filled into them and
 * into reporters' and appellants' notices. Pure.
 */
import type { ReasonCode } from '../actions/model.js';
import type { EnforcementKind } from '../policy/model.js';
import type { NoticeLanguage, NoticeTemplate } from './model.js';

/** The policy ground of each reason code, in public words. */
const GROUNDS: Record<NoticeLanguage, Record<ReasonCode, string>> = {
  en: {
    spam: 'Our rules against spam and platform manipulation',
    harassment: 'Our rules against harassment and abuse of other people',
    hate: 'Our rules against hateful conduct',
    impersonation: 'Our rules against impersonating other people or organisations',
    violent_threat: 'Our rules against threats of violence',
    self_harm: 'Our rules on promoting suicide or self-harm',
    child_safety: 'Our rules protecting children',
    misinformation: 'Our rules against harmful misleading information',
    compromised_account: 'Our rules protecting accounts that appear to be compromised',
    legal_request: 'A legal obligation in the jurisdiction concerned',
    appeal_granted: 'Your appeal was granted',
    error_correction: 'Correction of an earlier decision made in error',
    suspension_ended: 'The end of a time-limited suspension',
    access_management: 'Account access management',
    policy_maintenance: 'Maintenance of our rules',
    repeated_violations: 'Our rules on repeated violations: strikes that add up',
  },
  de: {
    spam: 'Unsere Regeln gegen Spam und Manipulation der Plattform',
    harassment: 'Unsere Regeln gegen Belästigung und Missbrauch anderer Menschen',
    hate: 'Unsere Regeln gegen Hass',
    impersonation: 'Unsere Regeln gegen das Vortäuschen einer fremden Identität',
    violent_threat: 'Unsere Regeln gegen Gewaltandrohungen',
    self_harm: 'Unsere Regeln zu Suizid und Selbstverletzung',
    child_safety: 'Unsere Regeln zum Schutz von Kindern',
    misinformation: 'Unsere Regeln gegen schädliche Falschinformationen',
    compromised_account: 'Unsere Regeln zum Schutz offenbar kompromittierter Konten',
    legal_request: 'Eine rechtliche Verpflichtung im betroffenen Land',
    appeal_granted: 'Deinem Widerspruch wurde stattgegeben',
    error_correction: 'Korrektur einer irrtümlichen früheren Entscheidung',
    suspension_ended: 'Das Ende einer befristeten Sperre',
    access_management: 'Verwaltung des Kontozugangs',
    policy_maintenance: 'Pflege unserer Regeln',
    repeated_violations: 'Unsere Regeln zu wiederholten Verstößen: Verwarnungen, die sich summieren',
  },
};

const SKELETON: Record<NoticeLanguage, Omit<NoticeTemplate, 'ground'>> = {
  en: {
    title: 'We changed what @{account} can do: {restriction}',
    body:
      'What we did: {restriction}{until}.\n' +
      'Why: {ground}.\n' +
      'The facts we relied on: {facts}\n' +
      'How this came to us: {detection}. {decision}\n' +
      '{appeal}',
  },
  de: {
    title: 'Wir haben @{account} eingeschränkt: {restriction}',
    body:
      'Was wir getan haben: {restriction}{until}.\n' +
      'Warum: {ground}.\n' +
      'Die Tatsachen, auf die wir uns stützen: {facts}\n' +
      'Wie wir davon erfuhren: {detection}. {decision}\n' +
      '{appeal}',
  },
};

/** The template Warden ships for a reason code in a language. */
export const shippedTemplate = (reasonCode: ReasonCode, language: NoticeLanguage): NoticeTemplate => ({
  ...SKELETON[language],
  ground: GROUNDS[language][reasonCode],
});

export interface Phrases {
  restriction: Record<EnforcementKind, string>;
  /** a restore says where it returns the account to */
  restoredTo: (status: string) => string;
  until: (iso: string) => string;
  detection: Record<'reports_by_users' | 'staff' | 'warden', string>;
  decision: (automated: boolean) => string;
  appeal: (deadline: string) => string;
  nothingToAppeal: string;
  reports: (n: number, categories: string[]) => string;
  noFacts: string;
  reportTitle: string;
  reportOutcome: (o: { reportId: number; category: string; actionTaken: boolean; contestDeadline: string | null }) => string;
  appealTitle: string;
  appealOutcome: (o: { outcome: 'granted' | 'denied'; reasons: string }) => string;
}

export const PHRASES: Record<NoticeLanguage, Phrases> = {
  en: {
    restriction: {
      warn: 'a warning (your account stays fully available)',
      limit: 'your account is limited: its reach and some features are restricted',
      lock: 'your account is locked',
      suspend: 'your account is suspended',
      deactivate: 'your account is deactivated',
      restore: 'an earlier restriction was lifted',
    },
    restoredTo: (status) => `an earlier restriction was lifted; your account is now ${status}`,
    until: (iso) => ` until ${iso} (UTC)`,
    detection: {
      reports_by_users: 'reports by users of the platform (no automated detection was used)',
      staff: 'a review by our staff (no automated detection was used)',
      warden: 'the scheduled end of an earlier decision',
    },
    decision: (automated) => (automated ? 'The decision was made automatically.' : 'The decision was made by a person, not automatically.'),
    appeal: (deadline) => `You can appeal this decision until ${deadline} (UTC) through the appeal option shown with this notice.`,
    nothingToAppeal: 'This lifts a restriction: there is nothing to appeal.',
    reports: (n, categories) => `${n} report${n === 1 ? '' : 's'} about the account (${categories.join(', ')}).`,
    noFacts: 'no further facts recorded.',
    reportTitle: 'What happened to your reports',
    reportOutcome: (o) =>
      `Your report #${o.reportId} (${o.category}): ` +
      (o.actionTaken
        ? 'we reviewed it and took action.'
        : `we reviewed it and took no action. You can contest this decision until ${o.contestDeadline} (UTC).`),
    appealTitle: 'The outcome of your appeal',
    appealOutcome: (o) => `Your appeal was ${o.outcome}. Reasons: ${o.reasons}`,
  },
  de: {
    restriction: {
      warn: 'eine Verwarnung (dein Konto bleibt uneingeschränkt nutzbar)',
      limit: 'dein Konto ist eingeschränkt: Reichweite und einige Funktionen sind begrenzt',
      lock: 'dein Konto ist gesperrt',
      suspend: 'dein Konto ist vorübergehend gesperrt',
      deactivate: 'dein Konto ist deaktiviert',
      restore: 'eine frühere Einschränkung wurde aufgehoben',
    },
    restoredTo: (status) => `eine frühere Einschränkung wurde aufgehoben; dein Konto ist jetzt ${status}`,
    until: (iso) => ` bis ${iso} (UTC)`,
    detection: {
      reports_by_users: 'Meldungen von Nutzerinnen und Nutzern der Plattform (ohne automatisierte Erkennung)',
      staff: 'eine Prüfung durch unser Team (ohne automatisierte Erkennung)',
      warden: 'das geplante Ende einer früheren Entscheidung',
    },
    decision: (automated) => (automated ? 'Die Entscheidung wurde automatisiert getroffen.' : 'Die Entscheidung hat ein Mensch getroffen, nicht automatisiert.'),
    appeal: (deadline) => `Du kannst bis ${deadline} (UTC) über die Widerspruchsmöglichkeit bei dieser Mitteilung Widerspruch einlegen.`,
    nothingToAppeal: 'Damit wird eine Einschränkung aufgehoben: es gibt nichts anzufechten.',
    reports: (n, categories) => `${n} Meldung${n === 1 ? '' : 'en'} zu dem Konto (${categories.join(', ')}).`,
    noFacts: 'keine weiteren Tatsachen festgehalten.',
    reportTitle: 'Was aus deinen Meldungen wurde',
    reportOutcome: (o) =>
      `Deine Meldung #${o.reportId} (${o.category}): ` +
      (o.actionTaken
        ? 'wir haben sie geprüft und Maßnahmen ergriffen.'
        : `wir haben sie geprüft und keine Maßnahmen ergriffen. Du kannst diese Entscheidung bis ${o.contestDeadline} (UTC) anfechten.`),
    appealTitle: 'Das Ergebnis deines Widerspruchs',
    appealOutcome: (o) => `Deinem Widerspruch wurde ${o.outcome === 'granted' ? 'stattgegeben' : 'nicht stattgegeben'}. Gründe: ${o.reasons}`,
  },
};
