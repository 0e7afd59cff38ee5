/** Notices and their templates (migration 015); part of the Database of src/db/schema.ts. */
import type { ReasonCode } from '../actions/model.js';
import type { NoticeLanguage, NoticeRecipient, NoticeState, NoticeStatement, NoticeSubject, Renderings } from '../notices/model.js';
import type { Json } from './json.js';

/** One notice to one person (src/notices). */
export interface NoticesTable {
  id: string;
  source_key: string;
  subject: NoticeSubject;
  recipient_kind: NoticeRecipient['kind'];
  recipient_id: string;
  account_id: string | null;
  action_id: string | null;
  case_id: number | null;
  report_id: number | null;
  appeal_id: string | null;
  statement: Json<NoticeStatement>;
  renderings: Json<Renderings>;
  state: NoticeState;
  batch_id: string | null;
  created_at: number;
  queued_at: number | null;
  delivered_at: number | null;
  language: NoticeLanguage | null;
  last_error: string | null;
}

/** A template an approved set_notice_template put in force. */
export interface NoticeTemplatesTable {
  reason_code: ReasonCode;
  language: NoticeLanguage;
  title: string;
  ground: string;
  body: string;
  action_id: string;
  updated_at: number;
}
