import type { Account } from '../api/client';
import { Link } from '../router';
import { StatusBadge, TierBadge, Time } from './ui';

const followers = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export function AccountSummary({ account, link = true }: { account: Account; link?: boolean }) {
  return (
    <div className={`account-summary account-${account.tier}`} data-testid="account-summary">
      <div className="account-id">
        <div className="account-handle">
          {link ? <Link to={`/accounts/${encodeURIComponent(account.id)}`}>@{account.handle}</Link> : <>@{account.handle}</>}
          {account.verified && (
            <span className="verified" title="verified">
              {' '}
              ✓<span className="sr-only">verified</span>
            </span>
          )}
        </div>
        <div className="account-name">{account.displayName}</div>
        <div className="muted small">{account.id}</div>
      </div>
      <dl className="facts">
        <div>
          <dt>Protection</dt>
          <dd>
            <TierBadge tier={account.tier} large={account.tier === 'critical'} />
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd data-testid="account-status">
            <StatusBadge status={account.status} />
            {account.statusUntil && (
              <span className="small">
                {' '}
                until <Time at={account.statusUntil} />
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Followers</dt>
          <dd title={account.followers.toLocaleString()}>{followers.format(account.followers)}</dd>
        </div>
      </dl>
    </div>
  );
}
