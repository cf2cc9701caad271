import { useEffect, useMemo } from 'react';
import type { TabletSession } from './use-staff-session';
import { useServices } from '../app/services';
import { STAFF_EVENTS } from '../../shared/protocol/event-names';
import { LiveEvents } from '../sync/live-events';


/**
 * One event stream per signed-in staff session, shared by the tablet's screens (each
 * subscribes to it): one connection and one ticket, however many lists show events.
 * Screens subscribe in their own effects, which React runs before this one's, so none
 * misses the first events.
 */
export function useStaffEvents(session: TabletSession): LiveEvents {
  const { api, identity } = useServices();
  const live = useMemo(() => new LiveEvents(api.baseUrl, STAFF_EVENTS, {
    ticket: async () => { const id = await identity.get(); return id ? api.eventTicket(id.token, session.sessionToken) : null; },
    open: (url) => new EventSource(url),
  }), [api, identity, session.sessionToken]);
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);
  return live;
}
