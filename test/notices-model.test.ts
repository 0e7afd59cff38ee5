/** The pure parts of notices (src/notices/model.ts, statement.ts): the lifecycle, languages, template ids and filling. */
import { describe, expect, it } from 'vitest';
import { NOTICE_LANGUAGES, fill, nextNoticeState, noticeLanguageOf, parseTemplateId } from '../src/notices/model.js';
import { enforcementStatement, isContestable, renderEnforcement } from '../src/notices/statement.js';
import { shippedTemplate } from '../src/notices/words.js';
import { REASON_CODES } from '../src/actions/model.js';
import { TEMPLATE_PARAMS } from '../src/notices/model.js';
import { z } from 'zod';

const T = Date.UTC(2030, 0, 1);

describe('notice model', () => {
  it('moves a notice pending → queued → delivered or failed, and nothing else', () => {
    expect(nextNoticeState('pending', 'batch')).toBe('queued');
    expect(nextNoticeState('queued', 'deliver')).toBe('delivered');
    expect(nextNoticeState('queued', 'fail')).toBe('failed');
    expect(() => nextNoticeState('delivered', 'deliver')).toThrow(/a notice that is delivered cannot take 'deliver'/);
    expect(() => nextNoticeState('pending', 'deliver')).toThrow();
    expect(() => nextNoticeState('queued', 'batch')).toThrow();
  });

  it("reads the platform's language tag, English when Warden has no words for it", () => {
    expect(noticeLanguageOf('de')).toBe('de');
    expect(noticeLanguageOf('de-AT')).toBe('de');
    expect(noticeLanguageOf('DE_ch')).toBe('de');
    expect(noticeLanguageOf('fr')).toBe('en');
    expect(noticeLanguageOf(undefined)).toBe('en');
    expect(noticeLanguageOf('')).toBe('en');
  });

  it('names templates <reasonCode>:<language>', () => {
    expect(parseTemplateId('spam:de')).toEqual({ reasonCode: 'spam', language: 'de' });
    for (const bad of ['spam', 'spam:fr', 'nope:en', 'spam:en:x', '']) expect(typeof parseTemplateId(bad)).toBe('string');
  });

  it('fills known placeholders once, leaving filled-in text and unknown braces alone', () => {
    const values = { account: '{ground}', restriction: 'r', until: '', facts: 'f', ground: 'g', detection: 'd', decision: 'x', appeal: 'a' };
    expect(fill('@{account} {restriction}{until} {other}', values)).toBe('@{ground} r {other}');
  });

  it('ships a template for every reason code in every language, each one the template check accepts', () => {
    const schema = z.object(TEMPLATE_PARAMS);
    for (const reason of REASON_CODES) {
      for (const language of NOTICE_LANGUAGES) {
        const t = shippedTemplate(reason, language);
        expect(schema.safeParse({ templateTitle: t.title, templateGround: t.ground, templateBody: t.body }).success, `${reason}:${language}`).toBe(true);
      }
    }
  });

  it('says a restriction can be appealed until its deadline, and a lifted one has nothing to appeal', () => {
    const base = {
      prior: { status: 'active' as const, statusUntil: null },
      result: { status: 'locked' as const, statusUntil: null },
      executedAt: T,
      reports: null,
      handle: 'h',
      appealDeadline: T + 183 * 86_400_000,
    };
    const lock = { ...base, action: { id: 'act_1', kind: 'lock' as const, reasonCode: 'spam' as const, justification: '', automated: false } };
    expect(enforcementStatement(lock, 'g')).toMatchObject({ appealDeadline: '2030-07-03T00:00:00.000Z', detection: { source: 'staff' }, facts: [] });
    const lift = { ...base, prior: base.result, result: base.prior, action: { ...lock.action, kind: 'restore' as const } };
    expect(isContestable(lift)).toBe(false);
    expect(renderEnforcement(lift, { en: shippedTemplate('error_correction', 'en'), de: shippedTemplate('error_correction', 'de') }).en.body).toContain('there is nothing to appeal');
    // a restore to a harsher state than the account is in restricts it: that can be appealed
    expect(isContestable({ ...lift, prior: base.prior, result: base.result })).toBe(true);
  });
});
