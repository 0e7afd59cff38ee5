/**
 * The reporter kinds' entries in the kind table (src/actions/kinds.ts): what
 * each acts on, the groups the policy reads, its CLI flags and its words for
 * an approver's brief. They are guard changes (KindGroup "guard"), so each
 * needs a second person (policies/guard.cedar, policies/reporters.cedar).
 */
import type { KindSpec } from '../actions/kinds.js';
import { durationWords } from '../actions/words.js';
import type { ReporterKind } from '../policy/model.js';
import { misuseWords } from './model.js';

export const REPORTER_KIND_SPECS: { [K in ReporterKind]: KindSpec<K> } = {
  add_trusted_flagger: {
    target: 'reporter',
    groups: ['guard', 'reporter_standing'],
    flags: {
      flaggerName: { flags: '--flagger-name <name>', description: 'add_trusted_flagger: the trusted flagger as awarded the status', parse: String },
      organisation: { flags: '--organisation <name>', description: 'add_trusted_flagger: its organisation', parse: String },
    },
    words: (e) => `register as trusted flagger ${e.flaggerName ?? ''}: their reports are scored and routed first`,
  },
  remove_trusted_flagger: {
    target: 'reporter',
    groups: ['guard', 'reporter_standing'],
    flags: {},
    words: () => 'remove from the trusted flaggers: their reports weigh as anyone\'s',
  },
  warn_reporter: {
    target: 'reporter',
    groups: ['guard', 'reporter_standing', 'warns_reporter'],
    flags: {},
    words: (e) => `warn for misuse of reporting${e.misuse ? `: ${misuseWords(e.misuse)}` : ''}`,
  },
  suspend_reporting: {
    target: 'reporter',
    groups: ['guard', 'reporter_standing'],
    flags: { durationMs: { flags: '--duration-ms <ms>', description: 'suspend, suspend_reporting: how long', parse: Number } },
    words: (e) => `ignore their reports for ${durationWords(e.durationMs ?? 0)}${e.misuse ? `: ${misuseWords(e.misuse)}` : ''}`,
  },
  restore_reporting: {
    target: 'reporter',
    groups: ['guard', 'reporter_standing'],
    flags: { restoresActionId: { flags: '--restores <actionId>', description: 'restore, restore_reporting: the action to undo', parse: String } },
    words: (e) => `lift the warning or suspension of reporting ${e.restoresActionId ?? ''}`,
  },
};
