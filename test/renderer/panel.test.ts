import { describe, expect, it } from 'vitest';
import { parseDeviceConfig } from '../../electron/main/config/device-config';
import { panelFromAddress, reachPx } from '../../renderer/app/panel';

/** Issue 23: what a person in a wheelchair reaches of a portrait panel, from how high it is mounted. */
describe('the panel’s reach', () => {
  it('is the part of the screen below 48 in (121.9 cm), in CSS px of a 21.5" panel (0.248 mm each)', () => {
    expect(reachPx(95)).toBe(1084);
    expect(reachPx(100)).toBe(883);
    expect(reachPx(80)).toBe(1689); // most of the screen
    expect(reachPx(121.9)).toBe(0);
  });

  it('is configured in centimetres; a height out of reach altogether is refused in words', () => {
    const base = { serverUrl: 'https://okno.example.ru', printer: { transport: 'file:/tmp/p', model: 'epson-tm-t20iii' } };
    expect(parseDeviceConfig(JSON.stringify(base))).toMatchObject({ ok: true, config: { panel: { bottomEdgeCm: 95, scanner: 'below-screen' } } });
    expect(parseDeviceConfig(JSON.stringify({ ...base, panel: { bottomEdgeCm: 88, scanner: 'right-of-screen' } }))).toMatchObject({ ok: true, config: { panel: { bottomEdgeCm: 88, scanner: 'right-of-screen' } } });
    const high = parseDeviceConfig(JSON.stringify({ ...base, panel: { bottomEdgeCm: 130 } }));
    expect(high).toMatchObject({ ok: false, code: 'invalid' });
    expect(high.ok ? '' : high.detail).toContain('panel.bottomEdgeCm: expected 38 to 121 cm: above 121 cm (48 in) nothing on the screen is within reach from a wheelchair');
    const where = parseDeviceConfig(JSON.stringify({ ...base, panel: { scanner: 'top' } }));
    expect(where.ok ? '' : where.detail).toContain('panel.scanner: expected "below-screen", "right-of-screen" or "left-of-screen"');
  });
});

describe('the scanner’s place in a test build’s address', () => {
  it('takes each place there is, and nothing else (a typo or a prototype key is the default panel)', () => {
    for (const place of ['below-screen', 'right-of-screen', 'left-of-screen'] as const) {
      expect(panelFromAddress(new URLSearchParams(`scanner=${place}`))).toEqual({ bottomEdgeCm: 95, scanner: place });
    }
    for (const query of ['scanner=above-screen', 'scanner=toString', 'scanner=', '']) expect(panelFromAddress(new URLSearchParams(query))).toBeNull();
  });
});
