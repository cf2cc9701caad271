import { describe, expect, it } from 'vitest';
import { auditSentence, staffWho } from '../../renderer/staff/audit-words';
import { staffMessages } from '../../shared/i18n/staff-messages';
import type { AuditEntry } from '../../shared/protocol/audit';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  occurredAt: '2026-12-02T07:42:00.000Z', recordedAt: '2026-12-02T07:42:00.000Z', staffName: 'Ольга Сергеевна Иванова', employeeNo: '1001',
  device: 'MSK1-T01', action: 'sign-in', subject: null, callKiosk: null, refusedKind: null, documentKind: null, ...over,
});

/** The day's log as a supervisor reads it (issue 24): sentences, never a kind's name or an id. */
describe('the audit log in staff words', () => {
  it('names a staff member by first name and surname, and says «вошла» or «вошёл» by the patronymic', () => {
    expect(staffWho('Ольга Сергеевна Иванова')).toEqual({ who: 'Ольга Иванова', female: true });
    expect(staffWho('Дмитрий Андреевич Орлов')).toEqual({ who: 'Дмитрий Орлов', female: false });
    expect(staffWho('Ильдар Фанисович Галиев')).toEqual({ who: 'Ильдар Галиев', female: false });
    expect(staffWho('Маша')).toEqual({ who: 'Маша', female: null });
    const ru = staffMessages('ru');
    expect(auditSentence(ru, entry({}), '10:42')).toBe('10:42 Ольга Иванова вошла (MSK1-T01)');
    expect(auditSentence(ru, entry({ staffName: 'Дмитрий Андреевич Орлов' }), '10:42')).toBe('10:42 Дмитрий Орлов вошёл (MSK1-T01)');
    expect(auditSentence(ru, entry({ staffName: 'Маша' }), '10:42')).toBe('10:42 Маша вошёл(ла) (MSK1-T01)');
    expect(auditSentence(ru, entry({ staffName: null, employeeNo: '9999', action: 'sign-in-failed' }), '10:42')).toBe('10:42 номер 9999 ошибся(лась) ПИН-кодом (MSK1-T01)');
  });

  it('says what was done to what: the kiosk a call came from, the order as printed, the receipt, the refusal’s kind', () => {
    const ru = staffMessages('ru');
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(auditSentence(ru, entry({ action: 'assistance.accepted', subject: id, callKiosk: 'MSK1-K02' }), '10:45')).toBe('10:45 Ольга Иванова приняла вызов с киоска MSK1-K02 (MSK1-T01)');
    expect(auditSentence(ru, entry({ action: 'order.pickedUp', subject: '47110004 MSK1-T01-000012' }), '11:00')).toBe('11:00 Ольга Иванова выдала заказ 4711 0004, чек MSK1-T01-000012 (MSK1-T01)');
    expect(auditSentence(ru, entry({ action: 'document.reprinted', subject: 'MSK1-K01-000123', documentKind: 'pickup' }), '11:05')).toBe('11:05 Ольга Иванова напечатала КОПИЮ чека MSK1-K01-000123 (MSK1-T01)');
    // A passbook statement by the number printed on it; one printed before statements had numbers, by its kind alone.
    expect(auditSentence(ru, entry({ action: 'document.reprinted', subject: 'MSK1-K01-000124', documentKind: 'passbook' }), '11:06')).toBe('11:06 Ольга Иванова напечатала КОПИЮ выписки по сберкнижке MSK1-K01-000124 (MSK1-T01)');
    expect(auditSentence(ru, entry({ action: 'document.reprinted', subject: id, documentKind: 'passbook' }), '11:07')).toBe('11:07 Ольга Иванова напечатала КОПИЮ выписки по сберкнижке (MSK1-T01)');
    expect(auditSentence(ru, entry({ action: 'document.reprinted', subject: 'MSK1-T01-000007', documentKind: 'refund' }), '11:08')).toBe('11:08 Ольга Иванова напечатала КОПИЮ возвратного чека MSK1-T01-000007 (MSK1-T01)');
    expect(auditSentence(ru, entry({ action: 'rejection.resolved', subject: id, refusedKind: 'order.pickedUp' }), '11:10')).toBe('11:10 Ольга Иванова разобрала отказ: выдача заказа (MSK1-T01)');
    // A call whose kiosk is unknown still says no id.
    expect(auditSentence(ru, entry({ action: 'assistance.resolved', subject: id }), '11:20')).toBe('11:20 Ольга Иванова закрыла вызов (MSK1-T01)');
    // In English the names stay as the staff list writes them.
    const en = staffMessages('en');
    expect(auditSentence(en, entry({ action: 'assistance.accepted', subject: id, callKiosk: 'MSK1-K02' }), '10:45')).toBe('10:45 Ольга Иванова took a call from kiosk MSK1-K02 (MSK1-T01)');
  });

  it('says who managed whom (issue 22): a supervisor on a tablet, the IT team from the server, the server itself', () => {
    const ru = staffMessages('ru');
    expect(auditSentence(ru, entry({ action: 'pin-reset', subject: '1007' }), '12:00')).toBe('12:00 Ольга Иванова сбросила ПИН-код сотрудника № 1007 (MSK1-T01)');
    expect(auditSentence(ru, entry({ staffName: null, employeeNo: 'cli', device: null, action: 'staff-deactivated', subject: '1007' }), '12:01')).toBe('12:01 ИТ-отдел отключил(а) сотрудника № 1007 (—)');
    expect(auditSentence(ru, entry({ staffName: 'Пётр Ильич Сидоров', employeeNo: '1007', action: 'pin-set' }), '12:02')).toBe('12:02 Пётр Сидоров задал себе ПИН-код по коду (MSK1-T01)');
    expect(auditSentence(ru, entry({ staffName: null, employeeNo: null, device: 'MSK1-K01', action: 'device-token-rotated', subject: 'MSK1-K01' }), '12:03')).toBe('12:03 Сервер — устройство MSK1-K01 получило новый ключ (плановая замена) (MSK1-K01)');
    const en = staffMessages('en');
    expect(auditSentence(en, entry({ staffName: null, employeeNo: 'cli', device: null, action: 'sessions-ended', subject: '1002' }), '12:04')).toBe('12:04 The IT team ended the sessions of staff member no. 1002 (—)');
  });
});
