import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { KioskDb } from '../../renderer/db/kiosk-db';
import { kioskAgainstServer } from './support/kiosk-harness';

type Step =
  | { do: 'pickup' } | { do: 'sync' } | { do: 'offline' } | { do: 'online' }
  | { do: 'drop-response' } | { do: 'repeat-requests' } | { do: 'reload' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ do: 'pickup' } as const) },
  { weight: 3, arbitrary: fc.constant({ do: 'sync' } as const) },
  fc.constant({ do: 'offline' } as const),
  fc.constant({ do: 'online' } as const),
  fc.constant({ do: 'drop-response' } as const),
  fc.constant({ do: 'repeat-requests' } as const),
  fc.constant({ do: 'reload' } as const),
);

/**
 * Whatever happens between them (offline, lost answers, repeated requests, reloads),
 * every pickup made on the kiosk ends up applied on the server exactly once, in seq order,
 * once the network is back.
 */
it('any sequence of pickups, outages, lost and repeated requests and reloads syncs exactly once', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
      const k = await kioskAgainstServer();
      try {
        const codes: string[] = [];
        for (let i = 0; i < 8; i++) codes.push(await k.s.putOrder('MSK1'));
        await k.syncUntilCached(codes);
        let db: KioskDb = k.db;
        let picked = 0;
        for (const s of steps) {
          switch (s.do) {
            case 'pickup': if (picked < codes.length) await k.pickUp(codes[picked++]!, { onDb: db }); break;
            case 'sync': await k.engine(db).syncOnce().catch(() => undefined); break;
            case 'offline': k.net.faults.offline = true; break;
            case 'online': k.net.faults.offline = false; break;
            case 'drop-response': k.net.faults.dropResponses += 1; break;
            case 'repeat-requests': k.net.faults.repeat = k.net.faults.repeat === 1 ? 2 : 1; break;
            case 'reload': if (db !== k.db) db.close(); db = k.openDb(); break;
          }
        }
        Object.assign(k.net.faults, { offline: false, dropResponses: 0, repeat: 1 });
        await k.engine(db).syncOnce();
        expect(await db.outbox.count()).toBe(0);
        expect(await db.quarantine.count()).toBe(0);
        const txs = await k.serverTransactions();
        expect(txs.map((t) => [t.seq, t.status])).toEqual(Array.from({ length: picked }, (_, i) => [i + 1, 'applied']));
        for (const code of codes.slice(0, picked)) expect(await k.s.orderStatus(code)).toBe('picked_up');
        if (db !== k.db) db.close();
      } finally {
        await k.close();
      }
    }),
    { numRuns: 12 },
  );
}, 120_000);
