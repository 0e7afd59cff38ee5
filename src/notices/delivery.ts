/**
 * A batch of notices on its way to the platform. The platform says which
 * language the recipient reads (its account's `language`); the batch goes out
 * in it when Warden has words for it, else in English. The outbox key is the
 * batch id: a resend after a lost answer, a crash or a restart is shown once.
 */
import { type PlatformAdapter, type PlatformNoticeReceipt, PlatformUnavailableError } from '../platform/adapter.js';
import type { OutboxHandler } from '../platform/outbox.js';
import { type NoticeLanguage, noticeLanguageOf, recipientId } from './model.js';
import type { NoticeService } from './service.js';

export interface NoticeSent {
  receipt: PlatformNoticeReceipt;
  language: NoticeLanguage;
}

export function noticeDeliveryHandler(notices: NoticeService, platform: PlatformAdapter): OutboxHandler<'notice'> {
  return {
    async send(p, key): Promise<NoticeSent> {
      // a reporter the platform does not know as an account reads English
      const language = noticeLanguageOf((await platform.getAccount(recipientId(p.recipient)))?.language);
      const receipt = await platform.sendNotices(
        {
          recipient: p.recipient,
          notices: p.notices.map((n) => ({ id: n.id, subject: n.subject, language, ...n.renderings[language], statement: { ...n.statement } })),
        },
        key,
      );
      return { receipt, language };
    },
    onDone: (tx, row, result) => {
      const { receipt, language } = result as NoticeSent;
      return notices.markDelivered(tx, row.payload, { language, stored: receipt.stored }, row.attempts);
    },
    onGiveUp: (tx, row, error) => notices.markFailed(tx, row.payload, error, row.attempts),
    unreachable: (err) => err instanceof PlatformUnavailableError,
    describe: (p) => ({
      subject: { type: 'notice_batch', id: p.batchId },
      summary: `${p.notices.length} notice${p.notices.length === 1 ? '' : 's'} to ${p.recipient.kind} ${recipientId(p.recipient)} could not be delivered`,
    }),
  };
}
