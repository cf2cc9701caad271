import { useState } from 'react';
import type { DeviceList } from '../../../shared/protocol/device-status';
import type { TabletSession } from '../use-staff-session';
import type { LiveEvents } from '../../sync/live-events';
import { useStaffText } from '../staff-lang';
import { CardDesk } from './CardDesk';
import { DaySummaryPanel } from './DaySummaryPanel';
import { DevicesPanel } from './DevicesPanel';
import { RejectionsPanel } from './RejectionsPanel';
import { ReprintPanel } from './ReprintPanel';
import { StaffPanel } from './StaffPanel';
import { UnlockNumberPanel } from './UnlockNumberPanel';

const SECTIONS = ['summary', 'devices', 'refusals', 'copies', 'cards', 'staff'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * The «Магазин» tab in sections, one on screen at a time, so a supervisor finds the day's
 * summary, the devices, the refusals, the copies and the cards without scrolling one long
 * page. Every section stays mounted while another shows: the refusals go on counting (the
 * tab's number) and the copies go on hearing whether they printed.
 */
export function BranchSections({ session, devices, onRefreshDevices, live, active, onRefused }: {
  session: TabletSession; devices: DeviceList | 'offline' | null; onRefreshDevices: () => void; live: LiveEvents; active: boolean; onRefused: (open: number) => void;
}) {
  const { t } = useStaffText();
  const [section, setSection] = useState<Section>('summary');
  const [refused, setRefused] = useState(0);
  const labels: Record<Section, string> = {
    summary: t.branchSummary, devices: t.branchDevices, refusals: t.branchRefusals(refused), copies: t.branchCopies, cards: t.branchCards, staff: t.staffTitle,
  };
  // The branch's staff are a supervisor's to manage: an associate does not see the section.
  const sections = SECTIONS.filter((name) => name !== 'staff' || session.staff.role === 'supervisor');
  return (
    <>
      <nav className="tablet-tabs tablet-subtabs" role="tablist" aria-label={t.branchSectionsLabel}>
        {sections.map((name) => (
          <button key={name} type="button" role="tab" id={`branch-${name}`} aria-selected={section === name} aria-controls={`branch-panel-${name}`}
            className={`tablet-tab${section === name ? ' tablet-tab-current' : ''}`} data-testid={`branch-${name}`} onClick={() => setSection(name)}>
            {labels[name]}
          </button>
        ))}
      </nav>
      <div role="tabpanel" id="branch-panel-summary" aria-labelledby="branch-summary" hidden={section !== 'summary'}>
        <DaySummaryPanel session={session} />
      </div>
      <div role="tabpanel" id="branch-panel-devices" aria-labelledby="branch-devices" hidden={section !== 'devices'}>
        <DevicesPanel list={devices} onRefresh={onRefreshDevices} session={session} />
      </div>
      <div role="tabpanel" id="branch-panel-refusals" aria-labelledby="branch-refusals" hidden={section !== 'refusals'}>
        <RejectionsPanel session={session} live={live} active={active && section === 'refusals'} onOpen={(n) => { setRefused(n); onRefused(n); }} />
      </div>
      <div role="tabpanel" id="branch-panel-copies" aria-labelledby="branch-copies" hidden={section !== 'copies'}>
        <ReprintPanel session={session} devices={devices} live={live} />
      </div>
      <div role="tabpanel" id="branch-panel-cards" aria-labelledby="branch-cards" hidden={section !== 'cards'}>
        <CardDesk session={session} />
      </div>
      {session.staff.role === 'supervisor' && (
        <div role="tabpanel" id="branch-panel-staff" aria-labelledby="branch-staff" hidden={section !== 'staff'}>
          <StaffPanel session={session} active={active && section === 'staff'} />
          <UnlockNumberPanel session={session} />
        </div>
      )}
    </>
  );
}
